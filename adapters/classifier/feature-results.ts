import type { ImageAnalysisFeature } from '../../contracts/classification.js';

/** Where each requested feature's answer lives in an Image Analysis 4.0 result (Azure names it `<feature>Result`). */
export const RESULT_KEY_OF = {
  tags: 'tagsResult',
  objects: 'objectsResult',
  people: 'peopleResult',
  read: 'readResult',
  caption: 'captionResult',
  denseCaptions: 'denseCaptionsResult',
  smartCrops: 'smartCropsResult',
} as const satisfies Record<ImageAnalysisFeature, `${ImageAnalysisFeature}Result`>;
