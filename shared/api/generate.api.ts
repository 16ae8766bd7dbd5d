/**
 * Cloud generation paid in credits, proxied to an OpenAI-compatible upstream.
 */
import { z } from 'zod';
import { endpoint } from './define.api';

export const GenerateAction = z.enum(['script', 'image', 'speech', 'transcription']);
export type GenerateAction = z.infer<typeof GenerateAction>;

/** The published price list, in credits per call. */
export const PRICES: Record<GenerateAction, number> = {
  script: 1,
  image: 4,
  speech: 2,
  transcription: 2,
};

/** Credits per coach reply (`/v1/generate/coach`); apart from PRICES so older clients' price lists still parse. */
export const COACH_PRICE = 1;

/** One message of a coach conversation, as the chat model sees it. */
export const CoachMessage = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(8000),
});

const charged = { tag: 'generate', auth: 'required', idempotent: true } as const;
const Charged = z.object({ creditsCharged: z.number().int(), balance: z.number().int() });

export const generateApi = {
  prices: endpoint({
    method: 'GET',
    path: '/v1/prices',
    summary: 'The price list in credits per action',
    tag: 'generate',
    auth: 'none',
    response: z.object({
      currency: z.literal('credits'),
      prices: z.record(GenerateAction, z.number().int()),
    }),
  }),
  script: endpoint({
    ...charged,
    method: 'POST',
    path: '/v1/generate/script',
    summary: 'Write a script with the upstream chat model',
    body: z.object({
      prompt: z.string().min(1).max(4000),
      system: z.string().max(4000).optional(),
    }),
    response: Charged.extend({ text: z.string() }),
  }),
  image: endpoint({
    ...charged,
    method: 'POST',
    path: '/v1/generate/image',
    summary: 'Make an image (base64 PNG)',
    body: z.object({
      prompt: z.string().min(1).max(4000),
      size: z.enum(['1024x1024', '1024x1792', '1792x1024']).default('1024x1792'),
    }),
    response: Charged.extend({ imageBase64: z.string() }),
  }),
  speech: endpoint({
    ...charged,
    method: 'POST',
    path: '/v1/generate/speech',
    summary: 'Speak a text (base64 MP3 or WAV)',
    body: z.object({
      text: z.string().min(1).max(4096),
      voice: z.string().max(40).default('alloy'),
      /** WAV for clients that time and mix the audio themselves; MP3 is smaller. */
      format: z.enum(['mp3', 'wav']).default('mp3'),
    }),
    response: Charged.extend({ audioBase64: z.string(), contentType: z.string() }),
  }),
  transcription: endpoint({
    ...charged,
    method: 'POST',
    path: '/v1/generate/transcription',
    summary: 'Transcribe audio with word timings',
    body: z.object({
      audioBase64: z.string().min(4).max(12_000_000),
      filename: z
        .string()
        .regex(/^[\w.-]{1,100}$/)
        .default('audio.mp3'),
    }),
    response: Charged.extend({
      text: z.string(),
      words: z.array(z.object({ word: z.string(), start: z.number(), end: z.number() })),
    }),
  }),
  coach: endpoint({
    ...charged,
    method: 'POST',
    path: '/v1/generate/coach',
    summary:
      'One asset-coach reply from the upstream chat model, streamed as OpenAI chat-completion chunks (text/event-stream); charged COACH_PRICE before it starts',
    body: z.object({ messages: z.array(CoachMessage).min(1).max(60) }),
    response: z.string(),
    contentType: 'text/event-stream',
  }),
};
