// Indonesian zod messages in every test worker, as in the server and the web app.
import '../src/domain/common/zod-id.ts';
