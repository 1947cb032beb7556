// Another bot process in a test: opens the shared file, prints "ready", and on "go" from its parent
// races the other contenders, then prints what happened to it.
import { SqliteAuditTrail } from '../../../services/store/sqliteAuditTrail';
import { SqliteStore } from '../../../services/store/sqliteStore';
import { AlreadyExistsError, ETagConflictError } from '../../../services/store/storage';

type Race = () => Promise<string>;

function prepare(task: string, file: string, args: string[]): { race: Race; close: () => void } {
  if (task === 'append') {
    const trail = new SqliteAuditTrail(file);
    const [name, count] = args;
    const race = async () => {
      for (let i = 1; i <= Number(count); i++) await trail.append({ event: 'test.appended', actor: { id: name, name }, details: { i } });
      return 'appended';
    };
    return { race, close: () => trail.close() };
  }
  const store = new SqliteStore(file);
  const [key, eTag] = args;
  const races: Record<string, Race> = {
    replace: async () => {
      await store.replace(key, { winner: process.pid }, eTag);
      return 'won';
    },
    create: async () => {
      await store.create(key, { winner: process.pid });
      return 'won';
    },
  };
  return { race: races[task], close: () => store.close() };
}

async function main(): Promise<void> {
  const [task, file, ...args] = process.argv.slice(2);
  const { race, close } = prepare(task, file, args);
  process.stdout.write('ready\n');
  process.stdin.once('data', async () => {
    try {
      process.stdout.write(`${await race()}\n`);
    } catch (error) {
      if (!(error instanceof ETagConflictError || error instanceof AlreadyExistsError)) throw error;
      process.stdout.write('lost\n');
    } finally {
      close();
      process.stdin.destroy();
    }
  });
}

void main();
