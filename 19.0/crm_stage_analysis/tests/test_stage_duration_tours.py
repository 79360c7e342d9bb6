from odoo.tests import tagged

from .common import TourCase


@tagged("post_install", "-at_install", "crm_stage_analysis", "stage_duration")
class TestStageDurationTours(TourCase):
    """A sales manager reads the Stage Durations report in Chromium, in English
    and in French (static/tests/tours/stage_duration_tours.js)."""

    tour_login = "analysis_report"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hotel, school = cls.env["crm.lead"].create(
            [
                {
                    "name": name,
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "stage_id": cls.stage_new.id,
                }
                for name in ("Hotel smoke detectors", "School fire alarm")
            ]
        )
        cls._flush_tracking()
        hotel.stage_id = cls.stage_quote
        school.stage_id = cls.stage_estimate
        cls._flush_tracking()

    def _start_tour(self, lang):
        self.start_tour(
            "/odoo",
            f"crm_stage_analysis_stage_duration_{lang[:2]}",
            login=self.users[lang].login,
        )

    def test_report_drill_down_en(self):
        self._start_tour("en_US")

    def test_report_drill_down_fr(self):
        self._start_tour("fr_FR")
