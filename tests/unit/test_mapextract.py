"""The municipality's map extract: a DXF made with ezdxf and a GeoJSON file import to the right
neighbours and roads; the site plan then draws the neighbours' buildings and the distances to them."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import ezdxf
import pytest
from factories import house, load

from planner.export import plan_dxf, site_svg
from planner.mapextract import MapExtractError, apply, read

E, N = 600000.0, 6640000.0
NS = "{http://www.w3.org/2000/svg}"


def _plan():
    doc = house()
    doc["origin"] = {"crs": "EPSG:25832", "e": E, "n": N}
    return load(doc)


def _box(x0, y0, x1, y1):
    return [(E + x0, N + y0), (E + x1, N + y0), (E + x1, N + y1), (E + x0, N + y1)]


def _extract_dxf() -> bytes:
    """An FKB-like export: plots with gnr/bnr as text and as block attributes, buildings, a road."""
    plan = _plan()
    xs = [x for x, _ in plan.plot.boundary]
    ys = [y for _, y in plan.plot.boundary]
    x1, y1 = max(xs), max(ys)
    fp = plan.buildings[0].footprint
    bx1 = max(x for x, _ in fp)
    doc = ezdxf.new("R2013")
    msp = doc.modelspace()
    msp.add_lwpolyline([(E + x, N + y) for x, y in plan.plot.boundary], close=True,
                       dxfattribs={"layer": "EIENDOMSGRENSE"})
    east = _box(x1, 0, x1 + 25, y1)
    msp.add_lwpolyline(east, close=True, dxfattribs={"layer": "EIENDOMSGRENSE"})
    msp.add_text("12/346", dxfattribs={"layer": "TEKST", "height": 1.5}).set_placement((E + x1 + 12, N + 20))
    msp.add_text("Bakkevegen 5", dxfattribs={"layer": "ADRESSE", "height": 1.5}).set_placement(
        (E + x1 + 12, N + 17))
    north = _box(0, y1, x1, y1 + 25)
    msp.add_lwpolyline(north, close=True, dxfattribs={"layer": "EIENDOMSGRENSE"})
    blk = doc.blocks.new("MATRIKKEL")
    blk.add_attdef("GNR", (0, 0))
    blk.add_attdef("BNR", (0, -2))
    blk.add_attdef("ADRESSE", (0, -4))
    ref = msp.add_blockref("MATRIKKEL", (E + 10, N + y1 + 12), dxfattribs={"layer": "EIENDOM_TEKST"})
    ref.add_auto_attribs({"GNR": "12", "BNR": "347", "ADRESSE": "Bakkevegen 7"})
    # the neighbour's house 8 m east of ours, on the east plot; a shed to be demolished
    gap = 8.0
    house_ring = [(E + bx1 + gap, N + 12), (E + bx1 + gap + 9, N + 12), (E + bx1 + gap + 9, N + 20),
                  (E + bx1 + gap, N + 20)]
    msp.add_lwpolyline(house_ring, close=True, dxfattribs={"layer": "BYGNING"})
    msp.add_lwpolyline(_box(x1 + 2, 3, x1 + 5, 6), close=True, dxfattribs={"layer": "BYGNING_RIVES"})
    msp.add_lwpolyline([(E - 30, N - 6), (E + x1 + 40, N - 6)], dxfattribs={"layer": "VEGSENTERLINJE"})
    road_name = msp.add_text("Haugvegen", dxfattribs={"layer": "VEGSENTERLINJE", "height": 2})
    road_name.set_placement((E + 15, N - 8))
    out = io.StringIO()
    doc.write(out)
    return out.getvalue().encode("utf-8")


def _extract_geojson() -> bytes:
    plan = _plan()
    x1 = max(x for x, _ in plan.plot.boundary)
    feats = [
        {"type": "Feature", "properties": {"objtype": "Teig", "gnr": 12, "bnr": 350, "adresse": "Lia 2"},
         "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in _box(x1, 0, x1 + 25, 28)]]}},
        {"type": "Feature",
         "properties": {"objtype": "Bygning", "status": "Planlagt", "bygningstype": "Garasje"},
         "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in _box(x1 + 5, 5, x1 + 11, 11)]]}},
        {"type": "Feature", "properties": {"objtype": "VegSenterlinje", "navn": "Liavegen"},
         "geometry": {"type": "LineString", "coordinates": [[E - 10, N - 5], [E + 60, N - 5]]}},
    ]
    return json.dumps({"type": "FeatureCollection", "features": feats}).encode()


def test_a_dxf_map_extract_gives_the_neighbours_with_gnr_bnr_and_address_and_the_road_name() -> None:
    plan = _plan()
    ex = read(_extract_dxf(), "kart.dxf", plan.origin, source="Kommunens kartutsnitt (FKB)",
              date="2026-11-30")
    out = apply(plan, ex)
    nb = out.plot.neighbours
    assert sorted((p.gnr, p.bnr, p.address) for p in nb.plots) == [(12, 346, "Bakkevegen 5"),
                                                                   (12, 347, "Bakkevegen 7")]
    assert sorted(b.status for b in nb.buildings) == ["demolish", "existing"]
    assert nb.extra == {"source": "Kommunens kartutsnitt (FKB)", "date": "2026-11-30"}
    (road,) = out.plot.roads
    assert (road.edge, road.name) == (0, "Haugvegen")
    assert road.centreline[0] == [-30.0, -6.0]  # local metres through the origin
    # the plan itself is unchanged
    assert plan.plot.neighbours is None


def test_a_geojson_map_extract_gives_the_neighbours_and_the_road() -> None:
    plan = _plan()
    out = apply(plan, read(_extract_geojson(), "kart.geojson", plan.origin))
    (p,) = out.plot.neighbours.plots
    assert (p.gnr, p.bnr, p.address) == (12, 350, "Lia 2")
    (b,) = out.plot.neighbours.buildings
    assert (b.kind, b.status) == ("garage", "new")
    assert out.plot.roads[0].name == "Liavegen"


def test_a_gml_map_extract_is_read_with_the_standard_library() -> None:
    plan = _plan()
    x1 = max(x for x, _ in plan.plot.boundary)
    ring = " ".join(f"{x} {y}" for x, y in _box(x1, 0, x1 + 20, 28) + _box(x1, 0, x1 + 20, 28)[:1])
    gml = f"""<?xml version="1.0" encoding="UTF-8"?>
<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"
  xmlns:app="http://skjema.geonorge.no/SOSI/produktspesifikasjon/FKB">
 <wfs:member><app:Teig><app:gnr>12</app:gnr><app:bnr>351</app:bnr><app:adresse>Lia 4</app:adresse>
  <app:område><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList srsDimension="2">{ring}</gml:posList>
  </gml:LinearRing></gml:exterior></gml:Polygon></app:område></app:Teig></wfs:member>
</wfs:FeatureCollection>"""
    out = apply(plan, read(gml.encode(), "kart.gml", plan.origin))
    (p,) = out.plot.neighbours.plots
    assert (p.gnr, p.bnr, p.address) == (12, 351, "Lia 4")


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"hello", "kart.pdf", "DXF, GeoJSON or GML"),
    (b"{not json", "kart.geojson", "not valid JSON"),
    (b"0\nSECTION\n2\nNONSENSE", "kart.dxf", "cannot be read"),
    (b"<a><b></a>", "kart.gml", "well-formed"),
    (b'{"type": "FeatureCollection", "features": []}', "kart.geojson", "no plots, buildings or roads"),
    (b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "kart.gml", "entities"),
])
def test_bad_map_files_are_refused_with_a_clear_message(data: bytes, name: str, message: str) -> None:
    with pytest.raises(MapExtractError, match=message):
        read(data, name, _plan().origin)


def test_map_coordinates_without_an_origin_are_refused() -> None:
    with pytest.raises(MapExtractError, match="origin"):
        read(_extract_dxf(), "kart.dxf", None)


def test_the_site_plan_draws_the_neighbours_buildings_and_the_8_m_distance() -> None:
    plan = _plan()
    out = apply(plan, read(_extract_dxf(), "kart.dxf", plan.origin, source="FKB", date="30.11.2026"))
    svg = site_svg(out, date="01.12.2026")
    root = ET.fromstring(svg)
    groups = {g.get("class"): g for g in root.iter(NS + "g") if g.get("class")}
    states = sorted(p.get("data-status") for p in groups["neighbour-buildings"].iter(NS + "path"))
    assert states == ["demolish", "existing"]
    dashed = [p for p in groups["neighbour-buildings"].iter(NS + "path")
              if p.get("data-status") == "demolish"]
    assert dashed[0].get("stroke-dasharray")
    texts = ["".join(t.itertext()) for t in root.iter(NS + "text")]
    assert "8,00 m" in texts
    assert "12/346 Bakkevegen 5" in texts and "HAUGVEGEN" in texts
    assert any(t == "FKB 30.11.2026" for t in texts)  # the map's source and date in the title block
    rules = [g.get("data-rule") for g in root.iter(NS + "g") if g.get("data-distance") == "8.00"]
    assert "plot.building-distance" in rules  # the distance to the neighbour's house, against 8 m
    dxf = ezdxf.read(io.StringIO(plan_dxf(out).decode("utf-8")))
    msp = dxf.modelspace()
    assert len(msp.query('LWPOLYLINE[layer=="C-BLDG-NEIG"]')) == 1
    assert len(msp.query('LWPOLYLINE[layer=="C-BLDG-DEMO"]')) == 1
    assert len(msp.query('LWPOLYLINE[layer=="C-PROP-NEIG"]')) == 2
    assert [t.dxf.text for t in msp.query('TEXT[layer=="C-ROAD-IDEN"]')] == ["Haugvegen"]
    values = [d.dxf.text for d in msp.query('DIMENSION[layer=="C-ANNO-DIMS"]')]
    assert "8,00 m" in values
    assert re.search(r"FKB 30\.11\.2026", svg)
