"""A home that already stands: its rooms read from a DXF of the flat (made here with ezdxf)."""

from __future__ import annotations

import io
import json

import ezdxf
import pytest

from planner import model
from planner.contributions import catalogue, estimate
from planner.contributions.existing import DxfImportError, existing_plan, layers, read_rooms

# The flat in millimetres: outer walls 9 000 × 7 000, rooms drawn along the inside of the walls.
ROOMS_MM = {
    "Stue": [(150, 150), (5000, 150), (5000, 4000), (150, 4000)],            # 4.85 × 3.85 = 18.6725 m²
    "Kjøkken": [(5100, 150), (8850, 150), (8850, 3000), (5100, 3000)],       # 3.75 × 2.85 = 10.6875 m²
    "Soverom": [(150, 4100), (4000, 4100), (4000, 6850), (150, 6850)],       # 3.85 × 2.75 = 10.5875 m²
    "Bad": [(4100, 4100), (6000, 4100), (6000, 6850), (4100, 6850)],         # 1.90 × 2.75 = 5.225 m²
    # an L-shaped hall: 2.75 × 3.75 less 1.75 × 2.75 = 10.3125 − 4.8125 = 5.5 m²
    "Gang": [(6100, 3100), (8850, 3100), (8850, 6850), (7850, 6850), (7850, 4100), (6100, 4100)],
}
AREAS = {"Stue": 18.6725, "Kjøkken": 10.6875, "Soverom": 10.5875, "Bad": 5.225, "Gang": 5.5}


def flat_dxf(mtext_for: str = "Soverom", unnamed: bool = False, units: int = 4) -> bytes:
    doc = ezdxf.new("R2010", units=units)
    doc.layers.add("ROM")
    doc.layers.add("VEGG")
    doc.layers.add("TEKST")
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (9000, 0), (9000, 7000), (0, 7000)], close=True, dxfattribs={"layer": "VEGG"})
    msp.add_lwpolyline([(0, 0), (9000, 0), (9000, 7000), (0, 7000)], close=True, dxfattribs={"layer": "ROM"})
    for name, pts in ROOMS_MM.items():
        msp.add_lwpolyline(pts, close=True, dxfattribs={"layer": "ROM"})
        if unnamed and name == "Bad":
            continue
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        at = (min(xs) + 300, min(ys) + 300)
        if name == mtext_for:
            msp.add_mtext(name, dxfattribs={"layer": "TEKST", "insert": at, "char_height": 200})
        else:
            msp.add_text(name, dxfattribs={"layer": "TEKST", "height": 200, "insert": at})
    out = io.StringIO()
    doc.write(out)
    return out.getvalue().encode("utf-8")


def test_the_layers_with_closed_polylines_are_offered_to_choose_from():
    found = {layer.name: layer.closed_polylines for layer in layers(flat_dxf())}
    assert found == {"ROM": 6, "VEGG": 1}
    assert layers(flat_dxf())[0].name == "ROM"


def test_a_dxf_of_an_existing_flat_imports_to_rooms_with_the_right_net_areas():
    rooms, outline = read_rooms(flat_dxf(), "ROM")
    assert {r.name: r.area_m2 for r in rooms} == pytest.approx(AREAS, abs=1e-6)
    assert {r.name: r.type for r in rooms} == {"Stue": "living", "Kjøkken": "kitchen", "Soverom": "bedroom",
                                               "Bad": "bathroom", "Gang": "hall"}
    assert outline is not None and len(outline) == 4
    doc = existing_plan(rooms, outline, project="Leilighet i Storgata", municipality="Bodø",
                        household="Familien Berg")
    plan = model.loads(json.dumps(doc))
    (b,) = plan.buildings
    assert b.state == "existing"
    net = {r.name: r for r in b.rooms}
    assert set(net) == set(AREAS)
    e = estimate(plan)
    assert e.bra_m2 > 0


def test_units_and_names_are_read_as_drawn():
    rooms, _ = read_rooms(flat_dxf(units=6), "ROM")  # the same numbers in metres would be 1000× larger
    assert rooms[0].area_m2 == pytest.approx(AREAS["Stue"] * 1e6, rel=1e-9)
    rooms, _ = read_rooms(flat_dxf(unnamed=True), "ROM")
    assert [r.name for r in rooms if not r.named] == ["Rom 1"]


def test_painting_a_wet_room_is_for_a_home_that_stands_and_needs_the_owners_approval():
    rooms, outline = read_rooms(flat_dxf(), "ROM")
    doc = existing_plan(rooms, outline, project="Leilighet", municipality="Bodø")
    bath = next(r["id"] for r in doc["buildings"][0]["rooms"] if r["type"] == "bathroom")
    doc["households"][0]["contributions"] = [
        {"id": "c1", "task": "paint_wet_room", "rooms": [bath], "phase": "finishing", "status": "proposed"}]
    item = estimate(model.loads(json.dumps(doc))).items[0]
    assert item.counted and item.hours > 0
    assert "våtromsmaling" in catalogue()["paint_wet_room"].owner_approval[0]
    doc["buildings"][0]["status"] = "new"
    item = estimate(model.loads(json.dumps(doc))).items[0]
    assert not item.counted and item.problem == "contribution.not-allowed"


@pytest.mark.parametrize("data, layer, message", [
    (b"not a drawing at all", "ROM", "not a DXF"),
    (None, "TEKST", "no closed polylines"),
])
def test_bad_drawings_are_refused_in_one_line(data, layer, message):
    with pytest.raises(DxfImportError, match=message):
        read_rooms(data if data is not None else flat_dxf(), layer)
