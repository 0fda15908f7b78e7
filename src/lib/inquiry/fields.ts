/**
 * The names the public forms (inquiries, comments) and the server agree on, in a module with no
 * imports so a form's browser code can use them without loading a schema.
 */

/** A field people never see (hidden with CSS, not type=hidden): anything in it marks a bot. */
export const HONEYPOT_FIELD = "website";
/** The hidden field carrying the signed "form served at" value the server issued. */
export const FORM_TOKEN_FIELD = "formToken";
/** The key of an error that belongs to the whole form rather than one field. */
export const FORM_ERROR_KEY = "form";
