// Integration tests start services and wait for Kafka delivery: give each test a minute.
jest.setTimeout(60_000);
