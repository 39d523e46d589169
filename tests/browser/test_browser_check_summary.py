"""What the check worked out about the home (accessibility and derived heights) in real Chromium:
axe-core finds nothing serious, and at 390 px nothing is wider than the screen."""

from __future__ import annotations

import pytest
from browser_support import login as log_in
from browser_support import narrow as at_390
from browser_support import sample_team


def _with_roof(app) -> None:
    """The sample home with a gable roof (heights derived), as a family that said it needs no
    accessible home: one storey, so the rules apply all the same."""
    from planner import model
    from planner.web import services
    from planner.web.models import User

    with app.app_context():
        current = services.latest(1)
        plan = services.plan_of(current)
        plan.households[0].accessible = False
        b = plan.buildings[0]
        b.gesims_m = b.mone_m = None
        b.roof = model.Roof(type="gable", pitch_deg=30, ridge_along=0)
        family = services.find_user("amina@example.no")
        assert isinstance(family, User)
        services.save_plan(1, plan, family, "tak", current.number)


@pytest.mark.slow
def test_the_check_summary_is_axe_clean_and_fits_a_phone(server, visitor):
    sample_team(server.app, {})
    _with_roof(server.app)
    for lang, applies, heights in (("nb", "Reglene for tilgjengelig bolig gjelder:", "gesimshøyde"),
                                   ("en", "The accessible-home rules apply:", "eaves height (gesims)")):
        v = visitor(f"sjekk-sammendrag-{lang}", "nb-NO")
        log_in(v, "amina@example.no")
        if lang == "en":        # chosen on the page, as a person does: the choice sends itself
            with v.page.expect_navigation():
                v.page.locator("#lang-choice").select_option("en")
            assert v.page.locator("html").get_attribute("lang") == "en"
        for path, label in (("/prosjekt/1/", "oversikt"), ("/prosjekt/1/plantegning", "plantegning")):
            v.go(path)
            section = v.page.locator("section.check-summary")
            assert section.count() == 1
            assert applies in section.inner_text() and heights in section.inner_text()
            v.check(f"{label}-{lang}")
            at_390(v, f"{label}-{lang}")
            box = section.bounding_box()
            assert box is not None and box["width"] > 0
