/** Which model answered a call. */
export interface ModelRef {
  provider: string;
  id: string;
}
