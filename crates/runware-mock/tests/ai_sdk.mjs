// Runware's own provider for the Vercel AI SDK (npm @runware/ai-sdk-provider, unchanged),
// pointed at the stand-in: text to image, two images at 1248x832. Prints what came back.
import { createRunware } from '@runware/ai-sdk-provider';
import { generateImage } from 'ai';

globalThis.AI_SDK_LOG_WARNINGS = false;
const [baseURL] = process.argv.slice(2);
const runware = createRunware({ apiKey: 'ai-sdk-test-key', baseURL });
const { images } = await generateImage({
  model: runware.image('klingai:kling-image@o1'),
  prompt: 'An elegant ivory-faced automaton tailor in a narrow couture studio',
  n: 2,
  size: '1248x832',
});
console.log(JSON.stringify(images.map((i) => ({ mediaType: i.mediaType, base64: i.base64 }))));
