"""The DXF draft, read back with ezdxf, GDAL's ogrinfo and LibreCAD."""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import ezdxf
import pytest
import shapely
from ezdxf.document import Drawing
from factories import house, load

from planner import model
from planner.errors import PlannerError
from planner.export import Overlay, plan_dxf
from planner.export.drawing import storeys_of
from planner.export.dxf import APPID, LAYERS, PLAN_DIMSTYLE, STYLE, layout_name
from planner.geometry import BuildingGeometry
from planner.rules import check

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SAMPLES = sorted((ROOT / "layouts").glob("*.json")) + [DATA / "haugen-nanset.plan.json"]
ISSUE_LAYERS = ("C-PROP", "C-PROP-ROAD", "C-PROP-SETB", "A-WALL", "A-DOOR", "A-GLAZ", "A-AREA",
                "A-AREA-IDEN", "A-ANNO-DIMS", "G-ANNO-TTLB")


@cache
def _plan(path: Path) -> model.Plan:
    return model.loads(path.read_text(encoding="utf-8"))


@cache
def _dxf(path: Path) -> bytes:
    return plan_dxf(_plan(path), date="22.11.2025")


def _read(data: bytes) -> Drawing:
    return ezdxf.read(io.StringIO(data.decode("utf-8")))


def _rooms(plan: model.Plan) -> dict[str, tuple[model.Room, float]]:
    out = {}
    for b in plan.buildings:
        geo = BuildingGeometry.of(b)
        for r in geo.rooms:
            out[r.id] = (r, geo.net_area(r.id))
    return out


def _needs(tool: str):
    return pytest.mark.skipif(shutil.which(tool) is None,
                              reason=f"{tool} is installed by `make test` (scripts/system-deps.sh)")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_dxf_is_r2013_in_millimetres_with_the_1_to_100_dimension_header(path: Path) -> None:
    doc = _read(_dxf(path))
    h = doc.header
    assert doc.dxfversion == "AC1027"
    assert (h["$INSUNITS"], h["$MEASUREMENT"]) == (4, 1)
    assert h["$DIMSTYLE"] == PLAN_DIMSTYLE
    assert (h["$DIMTXT"], h["$DIMASZ"], h["$DIMLFAC"], h["$DIMSCALE"]) == (250.0, 250.0, 1.0, 1.0)
    style = doc.dimstyles.get(PLAN_DIMSTYLE)
    assert (style.dxf.dimtxt, style.dxf.dimlfac, style.dxf.dimdec) == (250.0, 1.0, 0)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_dxf_audit_finds_no_errors_and_makes_no_fixes(path: Path) -> None:
    auditor = _read(_dxf(path)).audit()
    assert auditor.errors == []
    assert auditor.fixes == []


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_layers_carry_colour_linetype_and_lineweight_and_entities_are_bylayer(path: Path) -> None:
    doc = _read(_dxf(path))
    for name in ISSUE_LAYERS:
        layer = doc.layers.get(name)
        colour, linetype, lineweight, _ = LAYERS[name]
        assert (layer.color, layer.dxf.linetype, layer.dxf.lineweight) == (colour, linetype, lineweight)
    used = {e.dxf.layer for e in doc.modelspace()}
    assert set(ISSUE_LAYERS) - {"G-ANNO-TTLB"} <= used
    for layout in doc.layouts:
        for e in layout:
            assert e.dxf.color == 256, e
            assert e.dxf.get("linetype", "BYLAYER").upper() == "BYLAYER", e
            assert e.dxf.get("lineweight", -1) == -1, e
    assert doc.layers.get("C-PROP-SETB").dxf.linetype == "DASHED"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_one_area_polyline_per_room_with_its_id_type_and_net_area(path: Path) -> None:
    plan = _plan(path)
    rooms = _rooms(plan)
    doc = _read(_dxf(path))
    seen = {}
    for pl in doc.modelspace().query('LWPOLYLINE[layer=="A-AREA"]'):
        assert pl.closed
        tags = [v for _, v in pl.get_xdata(APPID)]
        rid, rtype, net, name = tags
        room, want_net = rooms[rid]
        assert (rtype, name) == (room.type, room.name)
        assert net == pytest.approx(want_net, abs=0.001)
        area_m2 = shapely.Polygon(list(pl.get_points("xy"))).area / 1e6
        assert area_m2 == pytest.approx(shapely.Polygon(room.polygon).area, abs=1e-6)
        seen[rid] = seen.get(rid, 0) + 1
    assert seen == dict.fromkeys(rooms, 1)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_dimensions_are_rendered_dimension_entities_with_the_wall_lengths(path: Path) -> None:
    plan = _plan(path)
    doc = _read(_dxf(path))
    dims = doc.modelspace().query('DIMENSION[layer=="A-ANNO-DIMS"]')
    assert len(dims) >= 2 * len(plan.buildings)
    values = set()
    for dim in dims:
        assert dim.dxf.dimstyle == PLAN_DIMSTYLE
        block = doc.blocks.get(dim.dxf.geometry)
        assert block is not None, "a dimension without its rendered block"
        text = [e.plain_text() for e in block if e.dxftype() == "MTEXT"]
        measured = dim.get_measurement()
        assert text == [f"{round(measured):d}"]
        values.add(round(measured))
    for b in plan.buildings:
        minx, miny, maxx, maxy = shapely.Polygon(b.footprint).bounds
        assert round((maxx - minx) * 1000) in values
        assert round((maxy - miny) * 1000) in values


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_site_distances_are_dimensions_in_metres(path: Path) -> None:
    doc = _read(_dxf(path))
    dims = doc.modelspace().query('DIMENSION[layer=="C-ANNO-DIMS"]')
    assert dims
    for dim in dims:
        assert dim.dxf.text == f"{dim.get_measurement() / 1000:.2f} m".replace(".", ",")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_paper_space_has_a_site_and_a_plan_layout_with_viewports_at_exact_scale(path: Path) -> None:
    plan = _plan(path)
    doc = _read(_dxf(path))
    names = doc.layout_names()
    assert layout_name("Situasjonsplan", 500) == "Situasjonsplan 1-500"
    (site,) = [n for n in names if n.startswith("Situasjonsplan 1-")]
    site_scale = int(site.rsplit("-", 1)[1])
    assert names[1] == site and site_scale in (200, 500, 1000)
    assert "Plan 1-100" in names
    storeys = sum(len(storeys_of(b)) for b in plan.buildings)
    assert len(names) == 2 + storeys
    for name, scale in ((site, site_scale), ("Plan 1-100", 100)):
        layout = doc.layouts.get(name)
        vps = [v for v in layout.query("VIEWPORT") if v.dxf.status != 1]
        assert len(vps) == 1
        assert vps[0].dxf.view_height / vps[0].dxf.height == pytest.approx(scale)  # model mm per paper mm
        titles = [t.dxf.text for t in layout.query("TEXT")]
        (block,) = layout.query('INSERT[name=="PLANNER_TITLE"]')
        assert block.get_attrib_text("PROSJEKT") == plan.project.name
        assert f"Målestokk 1:{scale} (A3)" in titles


def test_the_text_style_is_arial_and_every_text_uses_it() -> None:
    doc = _read(plan_dxf(load(house())))
    assert doc.styles.get(STYLE).dxf.font == "arial.ttf"
    for layout in doc.layouts:
        for t in layout.query("TEXT"):
            assert t.dxf.style == STYLE


def test_room_labels_give_name_and_net_area_with_a_decimal_comma() -> None:
    doc = _read(plan_dxf(load(house())))
    texts = [t.dxf.text for t in doc.modelspace().query('TEXT[layer=="A-AREA-IDEN"]')]
    assert "Stue" in texts and "23,4 m²" in texts and "Soverom 3" in texts


def test_walls_are_hatched_and_doors_have_arcs() -> None:
    doc = _read(plan_dxf(load(house())))
    msp = doc.modelspace()
    assert len(msp.query('HATCH[layer=="A-WALL"]')) == 1
    doors = msp.query('INSERT[layer=="A-DOOR"]')
    assert len(doors) == len(house()["buildings"][0]["doors"])
    (leaf,) = doc.blocks.get(doors[0].dxf.name).query("LWPOLYLINE")
    (hx, hy, b0), (tx, ty, bulge), (jx, jy, _) = leaf.get_points("xyb")
    # the leaf of the block is 1 long, and the swing is a quarter circle back to the jamb
    assert math.dist((hx, hy), (tx, ty)) == pytest.approx(1.0) and b0 == 0
    assert math.dist((hx, hy), (jx, jy)) == pytest.approx(1.0)
    assert abs(bulge) == pytest.approx(math.tan(math.pi / 8))
    for door in doors:  # each insert scales the block to the door's width
        assert abs(door.dxf.xscale) == pytest.approx(door.dxf.yscale) and door.dxf.yscale >= 700


def test_georef_writes_metres_in_the_origin_system() -> None:
    doc = house()
    doc["origin"] = {"crs": "EPSG:25832", "e": 567890.0, "n": 6545678.0}
    dxf = _read(plan_dxf(load(doc), georef=True))
    assert dxf.header["$INSUNITS"] == 6
    plot = dxf.modelspace().query('LWPOLYLINE[layer=="C-PROP"]')[0]
    assert list(plot.get_points("xy"))[0] == pytest.approx((567890.0, 6545678.0))
    areas = {pl.get_xdata(APPID)[0][1]: shapely.Polygon(list(pl.get_points("xy"))).area
             for pl in dxf.modelspace().query('LWPOLYLINE[layer=="A-AREA"]')}
    assert areas["r-stue"] == pytest.approx(5.8 * 4.5)
    assert dxf.audit().errors == [] and dxf.audit().fixes == []
    props = dict(dxf.header.custom_vars)
    assert props["CRS"] == "EPSG:25832"


def test_georef_needs_an_origin() -> None:
    with pytest.raises(PlannerError, match="origin"):
        plan_dxf(load(house()), georef=True)


def test_an_overlay_writes_its_labels_on_its_own_layer() -> None:
    overlay = Overlay({"r-stue": ("Maling: familien, 32 t", "#ff8800")}, layer="A-ANNO-SELF")
    doc = _read(plan_dxf(load(house()), overlay=overlay))
    texts = [t.dxf.text for t in doc.modelspace().query('TEXT[layer=="A-ANNO-SELF"]')]
    assert texts == ["Maling: familien, 32 t"]
    assert doc.audit().fixes == []


def test_each_drawing_is_a_document_of_its_own_though_they_share_one_template() -> None:
    """The units' part of the document is built once per process and copied: a drawing gets its own
    creation time, GUIDs and ezdxf marker, and nothing of the drawing before it (its project, its
    overlay's layer, its entities)."""
    from datetime import datetime

    from ezdxf.tools.juliandate import juliandate

    first = house()
    first["project"]["name"] = "Familien Berg"
    overlay = Overlay({"r-stue": ("Maling: familien, 32 t", "#ff8800")}, layer="A-ANNO-SELF")
    a = _read(plan_dxf(load(first), overlay=overlay))
    second = house()
    second["project"]["name"] = "Familien Dahl"
    b, c = _read(plan_dxf(load(second))), _read(plan_dxf(load(second)))
    assert dict(a.header.custom_vars)["Prosjekt"] == "Familien Berg"
    assert [v for k, v in b.header.custom_vars if k == "Prosjekt"] == ["Familien Dahl"]
    assert "A-ANNO-SELF" in a.layers and "A-ANNO-SELF" not in b.layers
    assert len(b.modelspace()) == len(c.modelspace())
    guids = {(d.header["$FINGERPRINTGUID"], d.header["$VERSIONGUID"]) for d in (a, b, c)}
    assert len(guids) == 3 and len({g for pair in guids for g in pair}) == 6
    now = juliandate(datetime.now())
    for d in (a, b, c):
        assert abs(d.header["$TDCREATE"] - now) < 2 / 1440  # within two minutes
    markers = [d.ezdxf_metadata().get("CREATED_BY_EZDXF") for d in (a, b, c)]
    assert len(set(markers)) == 3


FAULTS = ROOT.parent / "shared" / "examples" / "haugen-nanset-faults.plan.json"
"""The design contract's sample with faults (many findings), where the contract sits beside the tree."""


WRITTEN_CASES = [(p, False) for p in SAMPLES] + [(p, True) for p in SAMPLES]
"""Every sample in millimetres, and in metres in an origin system (given one where it has none)."""


@pytest.mark.parametrize(("path", "georef"), WRITTEN_CASES,
                         ids=lambda v: v.stem if isinstance(v, Path) else ("georef" if v else "local"))
def test_the_entities_written_once_give_the_file_ezdxf_writes_field_by_field(path: Path, georef: bool,
                                                                          monkeypatch) -> None:
    """The template's unchanged entities (layers, styles, dimension styles, the door, window and title
    blocks) are written from their text written once: the file is the one ezdxf writes entity by entity,
    with an overlay's new layer among the template's (the written-once entities are really used: over
    a hundred of them)."""
    import dataclasses

    from planner.export import dxf

    plan = _plan(path)
    if georef and plan.origin is None:
        plan = dataclasses.replace(plan, origin=model.Origin("EPSG:25832", 567890.0, 6545678.0))
    monkeypatch.setattr(ezdxf.options, "write_fixed_meta_data_for_testing", True)
    overlay = Overlay({plan.buildings[0].rooms[0].id: ("Maling: familien, 32 t", "#ff8800")},
                      layer="A-ANNO-SELF")
    doc = dxf._drawing(plan, georef, overlay, "2026-12-01", "3", None, None, "Søknadstegning")
    fast = io.StringIO()
    doc.write(fast)
    reused = [e for e in doc.entitydb.values() if "export_dxf" in vars(e)]
    for e in reused:
        del e.export_dxf
    slow = io.StringIO()
    doc.write(slow)
    assert len(reused) > 100
    assert fast.getvalue() == slow.getvalue()
    assert "A-ANNO-SELF" in doc.layers


@pytest.mark.parametrize("path", [*SAMPLES, FAULTS], ids=lambda p: p.stem)
def test_the_download_checking_over_its_own_context_draws_what_a_separate_check_gives(path: Path) -> None:
    """``plan_dxf(plan)`` runs the check over the drawing's own context (the geometry is worked out
    once): every entity, the findings' markers included, is the same as with a report of its own."""
    if not path.exists():
        pytest.skip(f"{path} is not here")
    plan = _plan(path)
    report = check(plan)
    shared = _read(plan_dxf(plan, date="1.1.2026"))
    separate = _read(plan_dxf(plan, date="1.1.2026", report=report))

    def entities(doc: Drawing) -> list[tuple[str, dict]]:  # every layout's and every block's
        return [(e.dxftype(), e.dxfattribs()) for block in doc.blocks for e in block]

    assert entities(shared) == entities(separate)
    marks = [e.dxf.text for e in shared.modelspace().query('TEXT[layer=="G-ANNO-FIND"]')]
    assert len(marks) == 2 * len(shared.modelspace().query('CIRCLE[layer=="G-ANNO-FIND"]'))
    if report.findings:
        assert marks


def test_user_text_with_control_characters_reads_back_cleanly() -> None:
    doc = house()
    doc["buildings"][0]["rooms"][1]["name"] = "Stue\u0001 <b>\n2"
    doc["project"]["name"] = "Familien %%c Berg"
    dxf = _read(plan_dxf(load(doc)))
    assert dxf.audit().errors == [] and dxf.audit().fixes == []
    texts = [t.dxf.text for t in dxf.modelspace().query('TEXT[layer=="A-AREA-IDEN"]')]
    assert "Stue <b> 2" in texts


def test_a_two_storey_building_draws_the_upper_storey_beside_the_plot() -> None:
    plan = model.loads((ROOT / "layouts" / "enebolig-to-etasjer.json").read_text(encoding="utf-8")) \
        if (ROOT / "layouts" / "enebolig-to-etasjer.json").exists() else None
    if plan is None:
        pytest.skip("the two-storey sample is not in layouts/")
    doc = _read(plan_dxf(plan))
    xs = {}
    for pl in doc.modelspace().query('LWPOLYLINE[layer=="A-AREA"]'):
        rid = pl.get_xdata(APPID)[0][1]
        xs[rid] = min(x for x, _ in pl.get_points("xy"))
    plot_maxx = max(x for x, _ in plan.plot.boundary) * 1000
    upper = {r.id for r in plan.buildings[0].rooms if r.storey == 2}
    assert upper and all(xs[r] > plot_maxx for r in upper)
    assert all(xs[r.id] < plot_maxx for r in plan.buildings[0].rooms if r.storey == 1)


# --------------------------------------------------------------------------- other readers


@_needs("ogrinfo")
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_ogrinfo_lists_the_layers_and_the_room_polylines_with_their_areas(path: Path, tmp_path: Path) -> None:
    f = tmp_path / "plan.dxf"
    f.write_bytes(_dxf(path))
    layers = subprocess.run(["ogrinfo", "-ro", "-q", str(f), "-sql", "SELECT DISTINCT Layer FROM entities"],
                            capture_output=True, text=True, check=True, timeout=60).stdout
    found = set(re.findall(r"Layer \(String\) = (\S+)", layers))
    assert set(ISSUE_LAYERS) - {"G-ANNO-TTLB"} <= found
    out = subprocess.run(["ogrinfo", "-ro", "-q", str(f), "-sql",
                          "SELECT OGR_GEOM_AREA AS area FROM entities WHERE Layer = 'A-AREA'"],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    areas = sorted(round(float(a) / 1e6, 3) for a in re.findall(r"area \(Real\) = ([\d.e+-]+)", out))
    want = sorted(round(shapely.Polygon(r.polygon).area, 3) for r, _ in _rooms(_plan(path)).values())
    assert areas == want


@_needs("librecad")
@_needs("pdftoppm")
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_librecad_renders_the_dxf(path: Path, tmp_path: Path) -> None:
    f = tmp_path / "plan.dxf"
    f.write_bytes(_dxf(path))
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    subprocess.run(["librecad", "dxf2pdf", "-a", "-t", str(tmp_path), str(f)], env=env,
                   capture_output=True, check=True, timeout=120)
    pdf = tmp_path / "plan.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    subprocess.run(["pdftoppm", "-gray", "-r", "50", str(pdf), str(tmp_path / "page")], check=True,
                   timeout=60)
    assert _dark_pixels(tmp_path / "page-1.pgm") > 3_000  # lines and text, not an empty page


def _dark_pixels(pgm: Path) -> int:
    """Pixels darker than mid-grey in a binary PGM (P5) image."""
    data = pgm.read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5"
    pixels = fields[4]
    return sum(1 for v in pixels if v < 128)
