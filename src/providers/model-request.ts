import type { CatalogueEntry } from './catalogue-entry.js';
import type { AspectRatio } from './image-model.js';

/** What a call needs of a model beyond its kind; every field is optional. */
export interface ModelRequest {
  durationSeconds?: number | undefined;
  aspectRatio?: AspectRatio | undefined;
  /** Images in one call. */
  count?: number | undefined;
  /** The call brings an image (a video's first frame). */
  imageInput?: boolean | undefined;
}

/** One thing a model cannot do, with the input field it is about. */
export interface UnmetNeed {
  field: keyof ModelRequest;
  reason: string;
}

/** Images one call may ask for when a row says nothing (the tool's own limit). */
const defaultMaxImages = 4;

/** What `entry` cannot do of `request`; empty when it can do all of it. */
export function unmetNeeds(entry: CatalogueEntry, request: ModelRequest = {}): UnmetNeed[] {
  const { maxVideoSeconds, aspectRatios, maxImages, imageInput } = entry.capabilities;
  const needs: UnmetNeed[] = [];
  const { durationSeconds, aspectRatio, count } = request;
  if (durationSeconds !== undefined && maxVideoSeconds !== undefined && durationSeconds > maxVideoSeconds)
    needs.push({ field: 'durationSeconds', reason: `${entry.id} makes at most ${maxVideoSeconds} s` });
  if (aspectRatio !== undefined && aspectRatios.length > 0 && !aspectRatios.includes(aspectRatio))
    needs.push({ field: 'aspectRatio', reason: `${entry.id} supports ${aspectRatios.join(', ')}` });
  if (count !== undefined && count > (maxImages ?? defaultMaxImages))
    needs.push({
      field: 'count',
      reason: `${entry.id} makes at most ${maxImages ?? defaultMaxImages} per call`,
    });
  if (request.imageInput === true && imageInput === false)
    needs.push({ field: 'imageInput', reason: `${entry.id} cannot start from an image` });
  return needs;
}
