/**
 * The slot picker's state: the offer (replaced by fresher times from a 422 answer), the chosen start
 * time (kept only while offered), the day shown, and the zone the times are shown in, read from the
 * form's time-zone field as the visitor types. Nothing here formats a date until `enhance` is called
 * (see SlotPicker for why); on the server the list is computed for the zone the form was sent with.
 */
import { useMemo, useState } from "preact/hooks";
import type { BookingOffer } from "../../../lib/booking/offer.ts";
import { SLOT_FIELD } from "../../../lib/booking/offer.ts";
import type { PickerDay } from "../../../lib/booking/picker.ts";
import { canonicalTimeZone, pickerDays } from "../../../lib/booking/picker.ts";
import type { ShownZone } from "./SlotTime";

const IS_SERVER = import.meta.env.SSR;

/** The zone to show times in: the field's when valid, else the browser's (in a browser), else the coach's. */
function shownZone(typed: string, coachZone: string, inBrowser: boolean): ShownZone {
  const coach = canonicalTimeZone(coachZone) ?? "UTC";
  const unknown = typed.trim() === "" ? undefined : typed.trim();
  // The name as the visitor wrote it: engines differ in which alias they call canonical.
  const visitor = canonicalTimeZone(typed);
  if (visitor) return { zone: typed.trim(), whose: "visitor", isCoachZone: visitor === coach };
  const browser = inBrowser ? canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) : undefined;
  if (browser) return { zone: browser, whose: "browser", unknown, isCoachZone: browser === coach };
  return { zone: coach, whose: "coach", unknown, isCoachZone: true };
}

export function usePicker(initialOffer: BookingOffer | undefined, initialSlot: string, initialZone: string) {
  const [offer, setOffer] = useState(initialOffer);
  const [enhanced, setEnhanced] = useState(false);
  const [zoneText, setZoneText] = useState(initialZone);
  const [slot, setSlot] = useState(initialSlot);
  const [day, setDay] = useState<{ zone: string; date: string }>();
  const [announcement, setAnnouncement] = useState("");

  const open = offer !== undefined && offer.slots.length > 0;
  const shown = useMemo(
    () => (open && (IS_SERVER || enhanced) ? shownZone(zoneText, offer.coachTimeZone, !IS_SERVER) : undefined),
    [open, enhanced, zoneText, offer?.coachTimeZone],
  );
  const days: PickerDay[] = useMemo(
    () => (open && shown ? pickerDays(offer, shown.zone) : []),
    [open, offer, shown?.zone],
  );
  const offered = (instant: string) => offer?.slots.includes(instant) === true;

  return {
    offer,
    enhanced,
    shown,
    days,
    slot: offered(slot) ? slot : "",
    day: day?.zone === shown?.zone ? day?.date : undefined,
    announcement,
    offered,
    /**
     * Shows the day-by-day picker, taking the time chosen in the server's list (or `kept`, a
     * drafted time) and the zone in `form`, which gets the browser's zone when it has none.
     */
    enhance: (form: HTMLFormElement, kept?: string) => {
      const field = form.elements.namedItem("timeZone");
      if (field instanceof HTMLInputElement) {
        if (field.value === "") field.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
        setZoneText(field.value);
      }
      const listed = new FormData(form).get(SLOT_FIELD);
      if (kept !== undefined) setSlot(kept);
      else if (!enhanced && typeof listed === "string") setSlot(listed);
      setEnhanced(true);
    },
    setZoneText,
    /** Fresh free times from the server, shown day by day; a chosen time that is gone is dropped. */
    replaceOffer: (fresh: BookingOffer) => {
      setOffer(fresh);
      setEnhanced(true);
      setSlot((chosen) => (fresh.slots.includes(chosen) ? chosen : ""));
    },
    chooseSlot: setSlot,
    /** Shows the times of another day; a time chosen on the day shown before is let go. */
    showDay: (shownDay: PickerDay) => {
      if (!shown) return;
      setDay({ zone: shown.zone, date: shownDay.date });
      setSlot("");
      const count = shownDay.times.length;
      setAnnouncement(`${shownDay.label}: ${count} free ${count === 1 ? "time" : "times"}.`);
    },
  };
}

export type Picker = ReturnType<typeof usePicker>;
