/**
 * The inquiry domain in one import for the island, the page and the server: the shared schema, the
 * input adapters, labels, the privacy note, references and CSV. Nothing here touches the DOM, the
 * network, a clock or storage.
 */
export { GOALS, INQUIRY_FIELDS, LIFTING_LEVELS, LIMITS, VOLUME_UNITS, inquirySchema } from "./schema.ts";
export type { Goal, Inquiry, InquiryField, InquiryInput, LiftingLevel, VolumeUnit } from "./schema.ts";
export {
  FORM_ERROR_KEY,
  FORM_TOKEN_FIELD,
  HONEYPOT_FIELD,
  fieldErrors,
  formField,
  parseInquiry,
  toFormValues,
  toInquiryInput,
  validateInquiry,
} from "./input.ts";
export type { FieldErrors, FormValues, InquiryValidation } from "./input.ts";
export {
  CONFIRMATION_ON_ITS_WAY,
  GOAL_LABELS,
  LIFTING_LABELS,
  RECEIVED_HEADING,
  RECEIVED_NEXT,
  VOLUME_UNIT_LABELS,
} from "./labels.ts";
export { DEFAULT_RETENTION_MONTHS, PRIVACY_NOTE, PRIVACY_NOTE_VERSION } from "./privacy.ts";
export { REFERENCE_BYTES, formatReference, isReference, parseReference } from "./reference.ts";
export { csvCell, neutraliseFormula, toCsv } from "./csv.ts";
export type { CsvValue } from "./csv.ts";
