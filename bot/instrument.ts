// Imported first by the server, so OpenTelemetry instruments http before restify and the clients load.
import { startTelemetry } from '../services/telemetry';

startTelemetry(process.env);
