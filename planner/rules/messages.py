"""The message catalogue of the checker: Norwegian Bokmål first, English second.

A finding keeps its message key and parameters, so the web app can show the
same finding in either language. Numbers are written with a decimal comma in
Bokmål. Every message says what is wrong, by how much, and names its source
in plain words.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("nb", "en")

ROOM_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "entry": ("entré", "entrance"),
    "hall": ("gang", "hall"),
    "living": ("stue", "living room"),
    "kitchen": ("kjøkken", "kitchen"),
    "bedroom": ("soverom", "bedroom"),
    "office": ("arbeidsrom", "study"),
    "bathroom": ("bad", "bathroom"),
    "wc": ("toalett", "toilet"),
    "laundry": ("vaskerom", "laundry"),
    "storage": ("bod", "storage room"),
    "technical": ("teknisk rom", "technical room"),
    "stair": ("trapp", "stair"),
    "other": ("annet rom", "other room"),
}

CATALOGUE: dict[str, tuple[str, str]] = {
    "geometry.invalid/plot": (
        "Tomtegrensen er ikke en gyldig flate ({reason}). Tegn den på nytt uten kryssende linjer; "
        "tomteregler kan ikke sjekkes før den er rettet.",
        "The plot boundary is not a valid shape ({reason}). Redraw it without crossing lines; "
        "plot rules cannot be checked until it is fixed."),
    "geometry.invalid/footprint": (
        "Fotavtrykket til bygning {building} er ikke en gyldig flate ({reason}). Tegn det på nytt "
        "uten kryssende linjer.",
        "The footprint of building {building} is not a valid shape ({reason}). Redraw it without "
        "crossing lines."),
    "geometry.invalid/room": (
        "Rommet {room} er ikke en gyldig flate ({reason}). Tegn det på nytt uten kryssende linjer; "
        "de andre rommene er sjekket.",
        "The room {room} is not a valid shape ({reason}). Redraw it without crossing lines; the "
        "other rooms were checked."),
    "plot.outside": (
        "Bygning {building} går {measured} m² utenfor tomtegrensen. Hele bygningen må stå på tomten.",
        "Building {building} reaches {measured} m² beyond the plot boundary. The whole building "
        "must stand on the plot."),
    "plot.neighbour-distance": (
        "Bygning {building} står {measured} m fra nabogrensen (kant {edge}); minst {limit} m kreves "
        "(plan- og bygningsloven § 29-4 andre ledd).",
        "Building {building} stands {measured} m from the neighbour boundary (edge {edge}); at least "
        "{limit} m is required (Planning and Building Act § 29-4, second paragraph)."),
    "plot.neighbour-distance/pbl": (
        "Bygning {building} står {measured} m fra nabogrensen (kant {edge}); minst {limit} m kreves "
        "(plan- og bygningsloven § 29-4 andre ledd: minst 4 m og minst halve bygningens høyde).",
        "Building {building} stands {measured} m from the neighbour boundary (edge {edge}); at least "
        "{limit} m is required (Planning and Building Act § 29-4, second paragraph: at least 4 m and at "
        "least half the building's height)."),
    "plot.neighbour-distance/half": (
        "Bygning {building} står {measured} m fra nabogrensen (kant {edge}); med denne gesimshøyden "
        "kreves minst {limit} m, halve høyden (plan- og bygningsloven § 29-4 andre ledd).",
        "Building {building} stands {measured} m from the neighbour boundary (edge {edge}); with this "
        "eaves height at least {limit} m is required, half the height (Planning and Building Act § 29-4, "
        "second paragraph)."),
    "plot.neighbour-distance/zoning": (
        "Bygning {building} står {measured} m fra nabogrensen (kant {edge}); reguleringsplanen krever "
        "minst {limit} m.",
        "Building {building} stands {measured} m from the neighbour boundary (edge {edge}); the zoning "
        "plan requires at least {limit} m."),
    "plot.neighbour-distance/small": (
        "Bygning {building} står {measured} m fra nabogrensen (kant {edge}); en garasje eller et uthus "
        "på høyst 50 m² kan stå {limit} m fra grensen, men ikke nærmere (plan- og bygningsloven § 29-4 "
        "tredje ledd og byggesaksforskriften § 4-1).",
        "Building {building} stands {measured} m from the neighbour boundary (edge {edge}); a garage or "
        "annex of at most 50 m² may stand {limit} m from the boundary, but no closer (Planning and "
        "Building Act § 29-4, third paragraph, and SAK10 § 4-1)."),
    "plot.neighbour-distance/consent": (
        "Bygning {building} står {measured} m fra nabogrensen (kant {edge}), nærmere enn {limit} m. "
        "Naboen har gitt skriftlig samtykke på denne grensen: legg samtykkeerklæringen ved søknaden "
        "(plan- og bygningsloven § 29-4 tredje ledd bokstav a).",
        "Building {building} stands {measured} m from the neighbour boundary (edge {edge}), closer than "
        "{limit} m. The neighbour has given written consent on this boundary: enclose the consent with "
        "the application (Planning and Building Act § 29-4, third paragraph a)."),
    "plot.road-distance": (
        "Bygning {building} står {measured} m fra vegen (kant {edge}); byggegrensen i reguleringsplanen "
        "krever minst {limit} m.",
        "Building {building} stands {measured} m from the road (edge {edge}); the building line of the "
        "zoning plan requires at least {limit} m."),
    "plot.road-distance/centreline": (
        "Bygning {building} står {measured} m fra midtlinjen til {road}; uten byggegrense i "
        "reguleringsplanen krever veglova § 29 minst {limit} m fra midtlinjen.",
        "Building {building} stands {measured} m from the centre line of {road}; without a building "
        "line in the zoning plan, the Roads Act § 29 requires at least {limit} m from the centre line."),
    "plot.road-distance/assumed": (
        "Bygning {building} står {measured} m fra vegen (kant {edge}). Vi har antatt en avstand på minst "
        "{limit} m fordi planen ikke oppgir byggegrense eller vegens midtlinje; saksbehandleren må "
        "bekrefte avstanden mot reguleringsplanen.",
        "Building {building} stands {measured} m from the road (edge {edge}). We assumed a distance of "
        "at least {limit} m because the plan gives no building line and no centre line of the road; the "
        "case officer must confirm it against the zoning plan."),
    "plot.bya": (
        "Bebygd areal er {measured} %-BYA ({bya} m², medregnet eksisterende bygninger og {parking} m² "
        "parkering); reguleringsplanen tillater høyst {limit} %, altså {over} m² for mye "
        "(TEK17 § 5-2, § 5-3 og § 5-7).",
        "The built-up area is {measured} %-BYA ({bya} m², counting existing buildings and {parking} m² "
        "of parking); the zoning plan allows at most {limit} %, which is {over} m² too much "
        "(TEK17 § 5-2, § 5-3 and § 5-7)."),
    "plot.height-gesims": (
        "Gesimshøyden til bygning {building} er {measured} m; høyst {limit} m er tillatt "
        "(plan- og bygningsloven § 29-4 første ledd).",
        "The eaves height of building {building} is {measured} m; at most {limit} m is allowed "
        "(Planning and Building Act § 29-4, first paragraph)."),
    "plot.height-gesims/derived": (
        "Gesimshøyden til bygning {building} er {measured} m, regnet fra taket, etasjehøydene og "
        "terrenget (gjennomsnittlig ferdig terreng rundt bygningen, TEK17 § 6-2); høyst {limit} m er "
        "tillatt (plan- og bygningsloven § 29-4 første ledd).",
        "The eaves height of building {building} is {measured} m, worked out from the roof, the storey "
        "heights and the terrain (the mean finished ground around the building, TEK17 § 6-2); at most "
        "{limit} m is allowed (Planning and Building Act § 29-4, first paragraph)."),
    "plot.height-mone": (
        "Mønehøyden til bygning {building} er {measured} m; høyst {limit} m er tillatt "
        "(plan- og bygningsloven § 29-4 første ledd).",
        "The ridge height of building {building} is {measured} m; at most {limit} m is allowed "
        "(Planning and Building Act § 29-4, first paragraph)."),
    "plot.height-mone/derived": (
        "Mønehøyden til bygning {building} er {measured} m, regnet fra takvinkelen, etasjehøydene og "
        "terrenget (gjennomsnittlig ferdig terreng rundt bygningen, TEK17 § 6-2); høyst {limit} m er "
        "tillatt (plan- og bygningsloven § 29-4 første ledd).",
        "The ridge height of building {building} is {measured} m, worked out from the roof pitch, the "
        "storey heights and the terrain (the mean finished ground around the building, TEK17 § 6-2); at "
        "most {limit} m is allowed (Planning and Building Act § 29-4, first paragraph)."),
    "plot.building-distance": (
        "Bygning {building} og {other} står {measured} m fra hverandre; lave bygninger som ikke hører "
        "til samme bruksenhet, skal stå minst {limit} m fra hverandre (TEK17 § 11-6 andre ledd).",
        "Buildings {building} and {other} stand {measured} m apart; low buildings that do not belong to "
        "one home (bruksenhet) must stand at least {limit} m apart (TEK17 § 11-6, second paragraph)."),
    "plot.building-distance/fire-rated": (
        "Bygning {building} og {other} står {measured} m fra hverandre, nærmere enn {limit} m. Fasadene "
        "er oppgitt som brannskillende: dokumenter brannskillet i søknaden (TEK17 § 11-6 andre ledd).",
        "Buildings {building} and {other} stand {measured} m apart, closer than {limit} m. The facades "
        "are given as fire-separating: document the fire separation in the application (TEK17 § 11-6, "
        "second paragraph)."),
    "plot.building-distance/neighbour": (
        "Bygning {building} står {measured} m fra {other} på nabotomten; lave bygninger skal stå minst "
        "{limit} m fra hverandre, også over tomtegrensen (TEK17 § 11-6 andre ledd).",
        "Building {building} stands {measured} m from {other} on the neighbouring plot; low buildings "
        "must stand at least {limit} m apart, across the boundary too (TEK17 § 11-6, second paragraph)."),
    "plot.building-distance/neighbour-fire-rated": (
        "Bygning {building} står {measured} m fra {other} på nabotomten, nærmere enn {limit} m. Fasaden "
        "er oppgitt som brannskillende: dokumenter brannskillet i søknaden (TEK17 § 11-6 andre ledd).",
        "Building {building} stands {measured} m from {other} on the neighbouring plot, closer than "
        "{limit} m. The facade is given as fire-separating: document the fire separation in the "
        "application (TEK17 § 11-6, second paragraph)."),
    "plot.outdoor-area": (
        "Boligen til {household} har {measured} m² uteoppholdsareal; reguleringsplanen krever minst "
        "{limit} m² per bolig.",
        "The home of {household} has {measured} m² of outdoor area; the zoning plan requires at least "
        "{limit} m² per home."),
    "plot.parking": (
        "Tomten har {measured} tegnede parkeringsplasser; reguleringsplanen krever {limit}.",
        "The plot has {measured} parking spaces drawn; the zoning plan requires {limit}."),
    "room.outside-footprint": (
        "Rommet {room} går {measured} m² utenfor ytterveggene til bygning {building}.",
        "The room {room} reaches {measured} m² beyond the outer walls of building {building}."),
    "room.overlap": (
        "Rommene {room} og {other} overlapper med {measured} m². Rom i samme etasje skal ligge inntil "
        "hverandre, ikke over hverandre.",
        "The rooms {room} and {other} overlap by {measured} m². Rooms on one storey should meet, not "
        "overlap."),
    "room.uncovered": (
        "{measured} m² av etasje {storey} i bygning {building} hører ikke til noe rom. Tegn rommene "
        "helt ut til veggene, eller legg til et rom der.",
        "{measured} m² of storey {storey} in building {building} belongs to no room. Draw the rooms "
        "out to the walls, or add a room there."),
    "room.bathroom-turning-space": (
        "Badet {room} har plass til en snusirkel på Ø {measured} m; minst ett bad i boligen må ha et "
        "snuareal på Ø {limit} m eller 1,3 × 1,8 m, fritt for innredning (TEK17 § 12-9 første ledd).",
        "The bathroom {room} holds a turning circle of Ø {measured} m; at least one bathroom in the "
        "home needs a turning area of Ø {limit} m or 1.3 × 1.8 m, clear of fixtures (TEK17 § 12-9, "
        "first paragraph)."),
    "room.bathroom-turning-space/wc": (
        "Badet {room} har {measured} m fri plass ved siden av toalettet; det trengs {limit} m fri plass "
        "på én side av toalettet (TEK17 § 12-9 første ledd).",
        "The bathroom {room} has {measured} m of free space beside the toilet; {limit} m is needed on "
        "one side of the toilet (TEK17 § 12-9, first paragraph)."),
    "room.turning-space": (
        "{Room} har plass til en snusirkel på Ø {measured} m; her må det være et snuareal for rullestol "
        "på Ø {limit} m eller 1,3 × 1,8 m (TEK17 § 12-7 fjerde ledd og § 12-8). Kravet gjelder fordi "
        "boligen skal være tilgjengelig: også om ingen bruker rullestol i dag, skal hjemmet kunne "
        "brukes av alle i familien gjennom hele livet, av besøkende og av dem som bor her senere.",
        "{Room} holds a turning circle of Ø {measured} m; it needs a wheelchair turning area of "
        "Ø {limit} m or 1.3 × 1.8 m (TEK17 § 12-7 fourth paragraph and § 12-8). This applies because "
        "the home must be accessible: even if no one uses a wheelchair today, the home should serve "
        "everyone in the family through their whole life, their visitors and those who live here later."),
    "room.turning-space/entry": (
        "{Room} har plass til en snusirkel på Ø {measured} m utenfor dørenes slagområde; entreen trenger "
        "et snuareal for rullestol på Ø {limit} m eller 1,3 × 1,8 m som dørene ikke slår inn i "
        "(TEK17 § 12-8 første ledd). Kravet gjelder fordi boligen skal være tilgjengelig: også om ingen "
        "bruker rullestol i dag, skal hjemmet kunne brukes av alle gjennom hele livet.",
        "{Room} holds a turning circle of Ø {measured} m outside the doors' swing; the entrance needs a "
        "wheelchair turning area of Ø {limit} m or 1.3 × 1.8 m that no door swings into (TEK17 § 12-8, "
        "first paragraph). This applies because the home must be accessible: even if no one uses a "
        "wheelchair today, the home should serve everyone through their whole life."),
    "room.turning-space/bedroom": (
        "Ingen soverom har plass til en snusirkel på Ø {limit} m; det største, {room}, har Ø {measured} m. "
        "Minst ett soverom må ha det i en tilgjengelig bolig (TEK17 § 12-8).",
        "No bedroom holds a turning circle of Ø {limit} m; the largest, {room}, holds Ø {measured} m. "
        "An accessible home needs at least one such bedroom (TEK17 § 12-8)."),
    "room.ceiling-height": (
        "{Room} har {measured} m fri takhøyde; minst {limit} m kreves (TEK17 § 12-7 andre ledd).",
        "{Room} has a clear ceiling height of {measured} m; at least {limit} m is required (TEK17 § 12-7, "
        "second paragraph)."),
    "room.ceiling-height/stay": (
        "{Room} har {measured} m fri takhøyde; et rom for varig opphold trenger minst {limit} m "
        "(TEK17 § 12-7 andre ledd).",
        "{Room} has a clear ceiling height of {measured} m; a room for permanent stay needs at least "
        "{limit} m (TEK17 § 12-7, second paragraph)."),
    "room.passage-width": (
        "{Room} er {measured} m bred på det smaleste; entré og gang må være minst {limit} m brede "
        "(TEK17 § 12-7 fjerde ledd og § 12-8).",
        "{Room} is {measured} m wide at its narrowest; entrances and halls must be at least {limit} m "
        "wide (TEK17 § 12-7 fourth paragraph and § 12-8)."),
    "room.no-exterior-wall": (
        "{Room} har {measured} m yttervegg; et rom for varig opphold trenger minst {limit} m yttervegg "
        "for å få vindu (TEK17 § 13-8).",
        "{Room} has {measured} m of outer wall; a room for permanent stay needs at least {limit} m "
        "of outer wall to have a window (TEK17 § 13-8)."),
    "room.window-off-wall": (
        "Et vindu i {room} står ikke på ytterveggen til rommet (mer enn {limit} m unna). Flytt vinduet "
        "til en del av ytterveggen som hører til {room}.",
        "A window of {room} is not on the room's outer wall (more than {limit} m away). Move it onto "
        "a part of the outer wall that belongs to {room}."),
    "room.window-missing": (
        "{Room} har ikke vindu. Rom for varig opphold skal ha vindu med utsyn (TEK17 § 13-8).",
        "{Room} has no window. Rooms for permanent stay need a window with a view (TEK17 § 13-8)."),
    "room.daylight": (
        "Vinduene i {room} har {measured} m² glass; et rom på {net} m² trenger minst {limit} m² for nok "
        "dagslys (forenklet regel etter TEK17 § 13-7: glassareal minst 7 % av gulvet delt på 0,75).",
        "The windows of {room} have {measured} m² of glass; a room of {net} m² needs at least "
        "{limit} m² for enough daylight (simplified rule after TEK17 § 13-7: glass at least 7 % of "
        "the floor divided by 0.75)."),
    "room.daylight/low": (
        "Vinduene i {room} har {measured} m² glass som teller; et rom på {net} m² trenger minst {limit} m² "
        "for nok dagslys. Glass lavere enn 0,8 m over gulvet teller ikke (forenklet regel etter TEK17 "
        "§ 13-7: glassareal minst 7 % av gulvet delt på 0,75).",
        "The windows of {room} have {measured} m² of glass that counts; a room of {net} m² needs at "
        "least {limit} m² for enough daylight. Glass lower than 0.8 m above the floor does not count "
        "(simplified rule after TEK17 § 13-7: glass at least 7 % of the floor divided by 0.75)."),
    "room.escape-window": (
        "{Room} har ikke et vindu som kan brukes til rømning: fri åpning minst 0,5 m bred, 0,6 m høy og "
        "bredde + høyde minst 1,5 m, med underkant høyst 1,0 m over gulvet (TEK17 § 11-13).",
        "{Room} has no window that can serve as an escape route: a clear opening at least 0.5 m wide, "
        "0.6 m high and width + height at least 1.5 m, with its lower edge at most 1.0 m above the floor "
        "(TEK17 § 11-13)."),
    "room.min-area": (
        "{Room} har {measured} m² netto; {type} er vanligvis minst {limit} m². Dette er vanlig "
        "praksis, ikke et krav i forskriften.",
        "{Room} has {measured} m² net; a {type} is usually at least {limit} m². This is common "
        "practice, not a legal requirement."),
    "access.no-entrance": (
        "Bygning {building} har ingen inngangsdør. Legg til en dør fra et rom og ut.",
        "Building {building} has no entrance door. Add a door from a room to the outside."),
    "access.no-entrance/unit": (
        "Boligen til {household} i bygning {building} har ingen inngangsdør. Legg til en dør fra et "
        "av boligens rom og ut.",
        "The home of {household} in building {building} has no entrance door. Add a door from one "
        "of its rooms to the outside."),
    "access.door-off-wall": (
        "Døren mellom {room} og {other} står ikke på veggen mellom dem (mer enn {limit} m unna). "
        "Flytt døren inn på den felles veggen.",
        "The door between {room} and {other} is not on the wall between them (more than {limit} m "
        "away). Move it onto their shared wall."),
    "access.door-fits-wall": (
        "Døren mellom {room} og {other} er {measured} m bred, men den rette veggen den står i har bare "
        "{limit} m fri lengde når hjørnet og tilstøtende vegger er trukket fra; døren går {over} m for "
        "langt. Flytt døren eller gjør den smalere.",
        "The door between {room} and {other} is {measured} m wide, but the straight wall it stands in has "
        "only {limit} m of free length once the corner and the walls meeting it are subtracted; the door "
        "reaches {over} m too far. Move the door or make it narrower."),
    "access.door-width/height": (
        "Døren mellom {room} og {other} har {measured} m fri høyde; minst {limit} m kreves "
        "(TEK17 § 12-13 andre ledd).",
        "The door between {room} and {other} has a clear height of {measured} m; at least {limit} m is "
        "required (TEK17 § 12-13, second paragraph)."),
    "access.door-width": (
        "Døren mellom {room} og {other} har {measured} m fri bredde; minst {limit} m kreves "
        "(TEK17 § 12-13).",
        "The door between {room} and {other} has a clear width of {measured} m; at least {limit} m "
        "is required (TEK17 § 12-13)."),
    "access.door-width/entrance": (
        "Inngangsdøren til {room} har {measured} m fri bredde; en inngangsdør må ha minst {limit} m "
        "(TEK17 § 12-13).",
        "The entrance door to {room} has a clear width of {measured} m; an entrance door needs at "
        "least {limit} m (TEK17 § 12-13)."),
    "access.unreachable": (
        "{Room} kan ikke nås fra inngangen gjennom dører. Legg til en dør til et rom som henger "
        "sammen med inngangen.",
        "{Room} cannot be reached from the entrance through doors. Add a door to a room that is "
        "connected to the entrance."),
    "program.bathroom": (
        "Boligen til {household} har ikke bad. Hver bolig skal ha bad med toalett (TEK17 § 12-9).",
        "The home of {household} has no bathroom. Every home needs a bathroom with a toilet "
        "(TEK17 § 12-9)."),
    "program.entrance-level": (
        "På inngangsplanet i boligen til {household} mangler: {missing}. I en tilgjengelig bolig skal "
        "stue, kjøkken, et soverom og bad ligge på inngangsplanet (TEK17 § 12-2 tredje ledd).",
        "The entrance level of the home of {household} lacks: {missing}. In an accessible home the "
        "living room, kitchen, a bedroom and a bathroom are on the entrance level (TEK17 § 12-2 "
        "third paragraph)."),
    "program.storage": (
        "Boligen til {household} har {measured} m² bod; minst {limit} m² oppbevaring kreves, fordelt på "
        "høyst to steder (TEK17 § 12-10).",
        "The home of {household} has {measured} m² of storage; at least {limit} m² is required, in at "
        "most two places (TEK17 § 12-10)."),
    "program.storage/places": (
        "Boligen til {household} har boder på {places} steder; bare de to største teller, til sammen "
        "{measured} m². Minst {limit} m² oppbevaring kreves, fordelt på høyst to steder (TEK17 § 12-10).",
        "The home of {household} has storage in {places} places; only the two largest count, "
        "{measured} m² together. At least {limit} m² is required, in at most two places (TEK17 § 12-10)."),
    "stair.geometry/width": (
        "Trappen {room} er {measured} m bred; en trapp med rett løp inne i en bolig skal være minst "
        "{limit} m bred (TEK17 § 12-14 første ledd bokstav h).",
        "The stair {room} is {measured} m wide; a straight stair inside a home must be at least {limit} m "
        "wide (TEK17 § 12-14 (1) h)."),
    "stair.geometry/rise": (
        "Trappen {room} har {risers} opptrinn på {measured} m; et opptrinn i en trapp inne i en bolig bør "
        "være høyst {limit} m. Det er planleggerens verdi for en trapp som er lett og sikker å gå i "
        "(TEK17 § 12-14 første ledd); DiBKs tall for opptrinnet er ikke bekreftet. Legg til opptrinn.",
        "The stair {room} has {risers} risers of {measured} m; a riser of a stair inside a home should be "
        "at most {limit} m. That is the planner's value for a stair that is easy and safe to walk "
        "(TEK17 § 12-14 (1)); DiBK's figure for the rise is not confirmed. Add risers."),
    "stair.geometry/going": (
        "Trappen {room} har inntrinn på {measured} m langs ganglinjen; inntrinnet skal være minst "
        "{limit} m (TEK17 § 12-14 første ledd bokstav d). Gjør trappen lengre.",
        "The stair {room} has a going of {measured} m along the walking line; the going must be at "
        "least {limit} m (TEK17 § 12-14 (1) d). Make the stair longer."),
    "stair.geometry/step": (
        "Trappen {room} har 2 × opptrinn + inntrinn = {measured} m ({rise} m og {going} m); for en trapp "
        "som er god å gå i, bør det ligge mellom {low} og {high} m (trinnformelen, planleggerens verdi "
        "til TEK17 § 12-14; DiBKs tall er ikke bekreftet).",
        "The stair {room} has 2 × rise + going = {measured} m ({rise} m and {going} m); for a stair that "
        "is comfortable to walk, it should be between {low} and {high} m (the step rule, the planner's "
        "value for TEK17 § 12-14; DiBK's figures are not confirmed)."),
    "unit.door-between": (
        "En dør i bygning {building} går mellom boligen til {household} og boligen til {other}. Hver "
        "bolig er en egen branncelle og kan ikke ha dør til en annen bolig (TEK17 § 11-8).",
        "A door in building {building} joins the home of {household} and the home of {other}. Each home "
        "is its own fire cell and cannot have a door to another home (TEK17 § 11-8)."),
    "unit.separating-wall": (
        "Veggen mellom boligene i bygning {building} er {measured} m tykk; en brann- og lydskillende vegg "
        "mellom to boliger må være minst {limit} m (TEK17 § 11-8 og § 13-6).",
        "The wall between the homes in building {building} is {measured} m thick; a fire and sound "
        "separating wall between two homes must be at least {limit} m (TEK17 § 11-8 and § 13-6)."),
    "accessibility/entrance-level": (
        "Reglene for tilgjengelig bolig gjelder: alle hovedfunksjonene (stue, kjøkken, soverom og bad) "
        "ligger på inngangsplanet, og da krever TEK17 § 12-2 tredje ledd det, selv om husstanden "
        "{household} har svart at den ikke trenger tilgjengelig bolig.",
        "The accessible-home rules apply: every main function (living room, kitchen, bedroom and "
        "bathroom) is on the entrance level, and then TEK17 § 12-2 third paragraph requires it, even "
        "though the household {household} said it does not need an accessible home."),
    "accessibility/entrance-level-asked": (
        "Reglene for tilgjengelig bolig gjelder: alle hovedfunksjonene (stue, kjøkken, soverom og bad) "
        "ligger på inngangsplanet (TEK17 § 12-2 tredje ledd), og {household} ønsker tilgjengelig bolig.",
        "The accessible-home rules apply: every main function (living room, kitchen, bedroom and "
        "bathroom) is on the entrance level (TEK17 § 12-2 third paragraph), and {household} wants an "
        "accessible home."),
    "accessibility/entrance-level-default": (
        "Reglene for tilgjengelig bolig gjelder: alle hovedfunksjonene (stue, kjøkken, soverom og bad) "
        "ligger på inngangsplanet, og da krever TEK17 § 12-2 tredje ledd det.",
        "The accessible-home rules apply: every main function (living room, kitchen, bedroom and "
        "bathroom) is on the entrance level, and then TEK17 § 12-2 third paragraph requires it."),
    "accessibility/asked-default": (
        "Reglene for tilgjengelig bolig gjelder fordi {household} ikke har svart at den klarer seg uten "
        "tilgjengelig bolig, selv om ikke alle hovedfunksjonene ligger på inngangsplanet.",
        "The accessible-home rules apply because {household} has not said it can do without an "
        "accessible home, although not every main function is on the entrance level."),
    "accessibility/asked": (
        "Reglene for tilgjengelig bolig gjelder fordi {household} trenger tilgjengelig bolig, selv om "
        "ikke alle hovedfunksjonene ligger på inngangsplanet.",
        "The accessible-home rules apply because {household} needs an accessible home, although not "
        "every main function is on the entrance level."),
    "accessibility/not-required": (
        "Reglene for tilgjengelig bolig gjelder ikke: ikke alle hovedfunksjonene ligger på inngangsplanet "
        "(TEK17 § 12-2 tredje ledd), og {household} har svart at den ikke trenger tilgjengelig bolig.",
        "The accessible-home rules do not apply: not every main function is on the entrance level "
        "(TEK17 § 12-2 third paragraph), and {household} said it does not need an accessible home."),
    "accessibility/steep": (
        "Reglene for tilgjengelig bolig gjelder ikke: terrenget fra vegen eller parkeringen til inngangen "
        "stiger {measured} %, brattere enn de {limit} % en trinnfri gangatkomst kan ha (1:15, og 1:12 på "
        "strekninger inntil 5 m), så unntaket i TEK17 § 8-5 andre ledd gjelder.",
        "The accessible-home rules do not apply: the ground from the road or parking to the entrance "
        "rises {measured} %, steeper than the {limit} % a step-free footpath can have (1:15, and 1:12 on "
        "stretches up to 5 m), so the exception of TEK17 § 8-5 second paragraph applies."),
    "program.room-needs": (
        "{household} ønsket {wanted} {type}{size}; planen har {measured:.0f} som passer.",
        "{household} asked for {wanted} {type}{size}; the plan has {measured:.0f} that fit."),
    # retired rule (no source supports a fixed 200 m² limit); kept so that findings stored
    # before v2 still render
    "program.husbanken-area": (
        "Boligen til {household} har {measured} m² BRA; Husbanken finansierer boliger på høyst "
        "{limit} m² (Husbankens miljøkvaliteter).",
        "The home of {household} has {measured} m² BRA; Husbanken finances homes of at most "
        "{limit} m² (Husbanken's environmental qualities)."),
    "contribution.unknown-task": (
        "Egeninnsats {contribution} hos {household}: oppgaven «{task}» finnes ikke i oppgavelisten. "
        "Velg en oppgave fra listen, for eksempel å male vegger eller legge gulv.",
        "Self-build task {contribution} of {household}: the task “{task}” is not in the task list. "
        "Choose a task from the list, such as painting walls or laying floors."),
    "contribution.unknown-room": (
        "Egeninnsats {contribution} hos {household} gjelder rom som ikke finnes i boligen: {rooms}. "
        "Velg rommene fra tegningen av boligen.",
        "Self-build task {contribution} of {household} names rooms that are not in the home: {rooms}. "
        "Choose the rooms from the drawing of the home."),
    "contribution.not-allowed": (
        "{task} ({contribution}) kan ikke gjøres som egeninnsats. {who_must}",
        "{task} ({contribution}) cannot be done as self-build work. {who_must}"),
    "contribution.not-allowed/wet-room": (
        "{task} ({contribution}) kan ikke gjøres som egeninnsats i våtrom ({rooms}): der ligger "
        "arbeidet på membranen, og det skal gjøres av et våtromssertifisert foretak (kravene til "
        "våtrom i TEK17 § 13-15). Velg de tørre rommene.",
        "{task} ({contribution}) cannot be done as self-build work in a wet room ({rooms}): there the "
        "work lies on the membrane and must be done by a company certified for wet rooms (the "
        "wet-room requirements of TEK17 § 13-15). Choose the dry rooms."),
}


class Num(float):
    """A number that formats itself for a language: ``2,5`` in Bokmål, ``2.5`` in English.

    With no format spec it shows up to two decimals and at least one.
    """

    lang = "nb"

    def __new__(cls, value: float, lang: str = "nb") -> Num:
        obj = super().__new__(cls, value)
        obj.lang = lang
        return obj

    def __format__(self, spec: str) -> str:
        if spec:
            text = float.__format__(float(self), spec)
        else:
            text = f"{float(self):.2f}"
            if text.endswith("0"):
                text = text[:-1]
        if text in ("-0.0", "-0.00"):
            text = text[1:]
        return text.replace(".", ",") if self.lang == "nb" else text


def render(key: str, params: dict[str, Any], lang: str = "nb") -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    nb, en = CATALOGUE[key]
    template = en if lang == "en" else nb
    values: dict[str, Any] = {}
    for k, v in params.items():
        if isinstance(v, bool):
            values[k] = v
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            values[k] = Num(v, lang) if isinstance(v, float) else v
        elif isinstance(v, tuple) and len(v) == 2:
            values[k] = v[1] if lang == "en" else v[0]
        else:
            values[k] = v
    if "room" in values:
        values["Room"] = _capital(str(values["room"]))
    return template.format(**values)


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def type_name(room_type: str) -> tuple[str, str]:
    return ROOM_TYPE_NAMES.get(room_type, (room_type, room_type))


def room_label(name: str) -> tuple[str, str]:
    """How a message names a room: ``«Stue»`` / ``“Stue”`` (the subject carries the id)."""
    return (f"«{name}»", f"“{name}”")
