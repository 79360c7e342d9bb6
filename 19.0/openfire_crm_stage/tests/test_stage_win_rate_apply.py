from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.crm_stage_analysis.tests.common import TourCase, WinRateCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_conversion")
class TestStageWinRateApply(WinRateCase):
    """crm_stage_analysis's win rate, applied as the stage's probability."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_survey.write({"probability": 40, "on_change": True})

    def test_applying_the_win_rate_moves_the_opportunities_at_the_old_value(self):
        """As when the probability is typed: a probability set by hand stays."""
        self._through_survey(won=8, lost=4)
        at_stage_value, set_by_hand = self._through_survey(still_open=2)
        set_by_hand.probability = 55
        self.stage_survey.with_user(self.user_sales_manager).action_apply_win_rate()
        self.assertEqual(self.stage_survey.probability, 67)
        self.assertEqual(
            (at_stage_value.probability, set_by_hand.probability), (67, 55)
        )

    def test_few_closed_opportunities_give_nothing_to_apply(self):
        self._through_survey(won=6, lost=3, still_open=5)
        with self.assertRaisesRegex(UserError, "Site Survey has too few closed"):
            self.stage_survey.with_user(self.user_sales_manager).action_apply_win_rate()


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_conversion")
class TestStageWinRateApplyTours(TourCase):
    """A sales manager applies a stage's win rate from its dialog in Chromium,
    in English and in French (static/tests/tours/stage_win_rate_tours.js)."""

    tour_login = "openfire_history"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.module.module"]._load_module_terms(
            ["openfire_crm_stage"], ["fr_FR"]
        )
        cls.stage_survey = cls.env["crm.stage"].create(
            {"name": "Site Survey", "sequence": 3, "probability": 40, "on_change": True}
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

    def _apply_from_the_column(self, lang):
        user = self.users[lang]
        self.open_leads.user_id = user
        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline",
            f"openfire_crm_stage_win_rate_{lang[:2]}",
            login=user.login,
        )
        self.assertEqual(self.stage_survey.probability, 67)
        self.assertEqual(set(self.open_leads.mapped("probability")), {67})

    def test_win_rate_applied_from_the_column_en(self):
        self._apply_from_the_column("en_US")

    def test_win_rate_applied_from_the_column_fr(self):
        self._apply_from_the_column("fr_FR")
