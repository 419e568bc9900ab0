import { createApp } from './app';

const port = Number(process.env.PORT ?? 8080);
const server = createApp().listen(port, () => {
  console.log(`${{ values.name }} listening on :${port}`);
});

// Kubernetes stops pods with SIGTERM: finish what is in flight, then exit.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
