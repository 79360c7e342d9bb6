from odoo.tests import tagged

from .common import TourCase


@tagged("post_install", "-at_install", "crm_stage_analysis", "stage_conversion")
class TestStageConversionTours(TourCase):
    """A sales manager learns from history in Chromium, in English and in French
    (static/tests/tours/stage_conversion_tours.js): a stage's win rate read in
    its dialog, the Stage Conversion report and its drill-down."""

    tour_login = "analysis_history"
    pipeline = "/odoo/action-crm.crm_lead_action_pipeline"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_survey = cls.env["crm.stage"].create(
            {"name": "Site Survey", "sequence": 3}
        )
        leads = cls.env["crm.lead"].create(
            [
                {
                    "name": f"{outcome} alarm {index}",
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "stage_id": cls.stage_new.id,
                }
                for outcome, count in (("Won", 8), ("Lost", 4), ("Open", 3))
                for index in range(1, count + 1)
            ]
        )
        cls._flush_tracking()
        leads.stage_id = cls.stage_survey
        cls._flush_tracking()
        leads[:8].stage_id = cls.stage_won
        leads[8:12].action_set_lost()
        cls._flush_tracking()
        cls.open_leads = leads[12:]

    def _start_tour(self, name, lang, url):
        user = self.users[lang]
        self.open_leads.user_id = user
        self.start_tour(url, f"crm_stage_analysis_{name}_{lang[:2]}", login=user.login)

    def test_win_rate_read_from_the_column_en(self):
        self._start_tour("win_rate", "en_US", self.pipeline)

    def test_win_rate_read_from_the_column_fr(self):
        self._start_tour("win_rate", "fr_FR", self.pipeline)

    def test_report_drill_down_en(self):
        self._start_tour("stage_conversion", "en_US", "/odoo")

    def test_report_drill_down_fr(self):
        self._start_tour("stage_conversion", "fr_FR", "/odoo")
