/** What the tracker's data tools need, split out so it loads on first use rather than with the page. */
export {
  EXPORT_MIME_TYPE,
  describeReplacement,
  exportFileName,
  exportProgress,
  importProgress,
} from "../../../lib/mobility/transfer";
export { ICS_MIME_TYPE, REMINDER_FILE_NAME, reminderCalendar } from "../../../lib/mobility/reminder";
