import { KafkaMessage, Message } from 'kafkajs';
import { EventEnvelope, EventRegistry } from '@mindhill/contracts';
import { PermanentMessageError, errorCode } from './failure-policy';

export type Decoded = { message: KafkaMessage; envelope: EventEnvelope } | { message: KafkaMessage; error: PermanentMessageError };

// A consumed message as an event of the registry, or the permanent reason it is not one (it then
// goes straight to the dead-letter topic).
export function decodeMessage(message: KafkaMessage, registry: EventRegistry, maxMessageBytes: number): Decoded {
  if (!message.value) return { message, error: new PermanentMessageError('MESSAGE.EMPTY', 'Message has no value') };
  if (message.value.length > maxMessageBytes) {
    return {
      message,
      error: new PermanentMessageError('MESSAGE.OVERSIZE', `Message of ${message.value.length} bytes exceeds ${maxMessageBytes}`),
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { message, error: new PermanentMessageError('MESSAGE.NOT_JSON', 'Message value is not JSON') };
  }
  try {
    return { message, envelope: registry.parse(raw) };
  } catch (error) {
    return { message, error: new PermanentMessageError(errorCode(error), (error as Error).message) };
  }
}

export type DeadLetterOrigin = { topic: string; partition: number; group: string; attempts: number };

// The message as the dead-letter topic keeps it: its own key, value and headers, plus where it
// came from and why it failed.
export function deadLetterMessage(message: KafkaMessage, origin: DeadLetterOrigin, error: unknown): Message {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...stringHeaders(message.headers),
      'dlq-original-topic': origin.topic,
      'dlq-original-partition': String(origin.partition),
      'dlq-original-offset': message.offset,
      'dlq-consumer-group': origin.group,
      'dlq-error-code': errorCode(error),
      'dlq-error-message': String((error as Error)?.message ?? error).slice(0, 1000),
      'dlq-attempts': String(origin.attempts),
      'dlq-failed-at': new Date().toISOString(),
    },
  };
}

function stringHeaders(headers: KafkaMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  return out;
}
