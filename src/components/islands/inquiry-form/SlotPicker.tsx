/**
 * "Book your free consultation (optional)": the fieldset after the inquiry's fields. With no open
 * times it says so, and Nicole suggests times by email. Otherwise the server renders the plain list
 * (SlotList); in the browser that markup is kept exactly as it came, without formatting a single
 * date, until the island is `enhanced` (the visitor reached the form), and the day-by-day picker
 * (DayTimes) replaces it. Formatting is deferred because the first Intl date format of a page costs
 * tens of milliseconds, which visitors who only read the page should not pay while it loads.
 */
import type { Ref } from "preact";
import type { BookingOffer } from "../../../lib/booking/offer.ts";
import { SLOT_FIELD } from "../../../lib/booking/offer.ts";
import type { PickerDay } from "../../../lib/booking/picker.ts";
import { zoneCity } from "../../../lib/booking/picker.ts";
import { DayTimes } from "./DayTimes";
import { FieldError } from "./Fields";
import { NOTE_ID } from "./SlotTime";
import type { ShownZone } from "./SlotTime";
import { SlotList } from "./SlotList";

interface Props {
  offer: BookingOffer | undefined;
  /** The visitor reached the form: the day-by-day picker shows. */
  enhanced: boolean;
  /** The zone and its days; undefined until the island is enhanced in a browser (the server has them). */
  shown: ShownZone | undefined;
  days: readonly PickerDay[];
  slot: string;
  day: string | undefined;
  announcement: string;
  error: string | undefined;
  fieldset: Ref<HTMLFieldSetElement>;
  onSlot: (slot: string) => void;
  onDay: (day: PickerDay) => void;
}

const IS_SERVER = import.meta.env.SSR;

export function SlotPicker({ offer, enhanced, shown, days, error, fieldset, ...choice }: Props) {
  const open = offer !== undefined && offer.slots.length > 0;
  const coachCity = zoneCity(offer?.coachTimeZone ?? "");
  let body;
  if (!open) {
    body = (
      <p id={NOTE_ID}>
        No consultation times are open right now. Send your inquiry and Nicole will suggest times by email.
      </p>
    );
  } else if (shown && (IS_SERVER || enhanced)) {
    body = enhanced ? (
      <DayTimes key="picker" days={days} shown={shown} coachCity={coachCity} {...choice} />
    ) : (
      <SlotList days={days} shown={shown} coachCity={coachCity} chosen={choice.slot} />
    );
  } else {
    // Hydration leaves this element's server-rendered children alone (Preact does not diff
    // dangerouslySetInnerHTML while hydrating), and later renders see the same empty markup.
    body = <div dangerouslySetInnerHTML={{ __html: "" }} />;
  }
  return (
    <fieldset ref={fieldset} class="grid gap-3" aria-describedby={error ? `${NOTE_ID} slot-error` : NOTE_ID}>
      <legend class="mb-1 font-display text-xl font-extrabold">
        Book your free consultation <span class="text-sm font-normal text-muted">(optional)</span>
      </legend>
      <FieldError name={SLOT_FIELD} error={error} focusable />
      {body}
    </fieldset>
  );
}
