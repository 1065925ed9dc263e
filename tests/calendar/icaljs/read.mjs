// Reads calendars as Thunderbird does (Mozilla's ical.js), for tests/calendar/readers.py.
// stdin: {"calendars": [ics text, ...], "instants": [[calendar index, tzid, unix seconds], ...]}
// stdout: {"calendars": [{properties, events}], "instants": ["YYYY-MM-DDTHH:MM:SS", ...]}
// Each calendar's own VTIMEZONEs are registered before it is read (and replace earlier ones),
// so times are converted by the definitions the calendar carries, never by a built-in database.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

// RFC 7986's NAME and the X-WR- names are TEXT; ical.js leaves properties it does not know unread.
for (const name of ["name", "x-wr-calname", "x-wr-caldesc"]) {
  ICAL.design.icalendar.property[name] = { defaultType: "text" };
}

const input = JSON.parse(readFileSync(0, "utf8"));
const zonesOf = [];

function register(component) {
  const zones = {};
  for (const vtimezone of component.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone);
    zones[zone.tzid] = zone;
  }
  return zones;
}

function eventOf(vevent) {
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    start: event.startDate.toUnixTime(),
    end: event.endDate.toUnixTime(),
    start_local: event.startDate.toString(),
    tzid: event.startDate.zone ? event.startDate.zone.tzid : null,
    summary: event.summary,
    location: event.location,
    description: event.description,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue("status"),
  };
}

const calendars = input.calendars.map((text) => {
  const component = new ICAL.Component(ICAL.parse(text));
  zonesOf.push(register(component));
  const properties = {};
  for (const name of ["method", "name", "x-wr-calname", "description", "x-wr-caldesc", "uid"]) {
    properties[name] = component.getFirstPropertyValue(name);
  }
  const events = component.getAllSubcomponents("vevent").map(eventOf);
  return { properties, events, components: component.getAllSubcomponents().length };
});

const instants = (input.instants || []).map(([index, tzid, seconds]) => {
  const time = new ICAL.Time();
  time.fromUnixTime(seconds);
  return time.convertToZone(zonesOf[index][tzid]).toString();
});

process.stdout.write(JSON.stringify({ calendars, instants }));
