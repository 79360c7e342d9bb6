from odoo.tests import tagged

from .common import TourCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_conversion")
class TestStageConversionTours(TourCase):
    """A sales manager learns from history in Chromium, in English and in French
    (static/tests/tours/stage_conversion_tours.js): a stage's win rate applied
    from its dialog, the Stage Conversion report and its drill-down."""

    tour_login = "openfire_history"
    pipeline = "/odoo/action-crm.crm_lead_action_pipeline"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_survey = cls.env["crm.stage"].create(
            {"name": "Site Survey", "sequence": 3, "probability": 40, "on_change": True}
        )
        leads = cls.env["crm.lead"].create(
            [
                {
                    "name": f"{outcome} alarm {index}",
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "stage_id": cls.env.ref("crm.stage_lead1").id,
                }
                for outcome, count in (("Won", 8), ("Lost", 4), ("Open", 3))
                for index in range(1, count + 1)
            ]
        )
        cls._flush_tracking()
        leads.stage_id = cls.stage_survey
        cls._flush_tracking()
        leads[:8].stage_id = cls.env.ref("crm.stage_lead4")
        leads[8:12].action_set_lost()
        cls._flush_tracking()
        cls.open_leads = leads[12:]

    @classmethod
    def _flush_tracking(cls):
        """Stage changes are tracked at the end of the request."""
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _start_tour(self, name, lang, url):
        user = self.users[lang]
        self.open_leads.user_id = user
        self.start_tour(url, f"openfire_crm_stage_{name}_{lang[:2]}", login=user.login)

    def _assert_applied(self):
        self.assertEqual(self.stage_survey.probability, 67)
        self.assertEqual(set(self.open_leads.mapped("probability")), {67})

    def test_win_rate_applied_from_the_column_en(self):
        self._start_tour(
            "win_rate", "en_US", "/odoo/action-crm.crm_lead_action_pipeline"
        )
        self._assert_applied()

    def test_win_rate_applied_from_the_column_fr(self):
        self._start_tour(
            "win_rate", "fr_FR", "/odoo/action-crm.crm_lead_action_pipeline"
        )
        self._assert_applied()

    def test_report_drill_down_en(self):
        self._start_tour("stage_conversion", "en_US", "/odoo")

    def test_report_drill_down_fr(self):
        self._start_tour("stage_conversion", "fr_FR", "/odoo")
