import psycopg2

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import WinRateCase


@tagged("post_install", "-at_install", "crm_stage_analysis", "stage_conversion")
class TestStageWinRate(WinRateCase):
    """Won from here, on each stage: of the opportunities that entered the stage
    in the company's period and are closed since, the share that was won."""

    def test_stage_shows_its_win_rate_with_the_counts_behind_it(self):
        """The open ones wait until they are won or lost."""
        self._through_survey(won=8, lost=4, still_open=3)
        self.assertEqual(
            self._win_rate(self.stage_survey),
            ("67 % — 8 won of 12 closed", True, 67.0),
        )

    def test_few_closed_opportunities_give_no_rate(self):
        self._through_survey(won=6, lost=3, still_open=5)
        self.assertEqual(
            self._win_rate(self.stage_survey),
            ("Too few closed opportunities: 9 of the 10 needed", False, 67.0),
        )

    def test_period_chosen_by_a_sales_manager_for_every_stage(self):
        """Entered over the last 12 months by default; a sales manager, without
        the Settings rights, chooses another period for all the stages."""
        self._through_survey(won=2, lost=8, days_ago=500)
        self._through_survey(won=9, lost=1, days_ago=30)
        self.assertEqual(
            self._win_rate(self.stage_survey)[0], "90 % — 9 won of 10 closed"
        )
        self.assertFalse(self.user_sales_manager.has_group("base.group_erp_manager"))
        with Form(self.stage_survey.with_user(self.user_sales_manager)) as stage:
            stage.win_rate_months = 24
            self.assertEqual(stage.win_rate_summary, "55 % — 11 won of 20 closed")
        self.assertEqual(self.env.company.stage_win_rate_months, 24)
        self.env.invalidate_all()
        self.assertEqual(
            self.stage_quote.with_user(self.user_sales_manager).win_rate_months,
            24,
            "one period for every stage",
        )

    def test_period_is_bounded(self):
        stage = self.stage_survey.with_user(self.user_sales_manager)
        for months in (0, 121):
            with self.assertRaises(ValidationError) as refusal:
                stage.win_rate_months = months
            self.assertEqual(
                str(refusal.exception),
                f"The win rates of the stages of {self.env.company.name} must read "
                f"between 1 and 120 months of history (got {months}).",
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.CheckViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE res_company SET stage_win_rate_months = 0 WHERE id = %s",
                [self.env.company.id],
            )

    def test_archived_won_opportunity_counts_as_won(self):
        """Archived to tidy the pipeline, a won opportunity is still in its won
        stage: won, in the win rates as in Stage Conversion."""
        leads = self._through_survey(won=8, lost=4)
        leads[:2].action_archive()
        self.assertEqual(
            self._win_rate(self.stage_survey)[0], "67 % — 8 won of 12 closed"
        )
        entries = self.env["crm.stage.conversion"].search(
            [("lead_id", "in", leads[:2].ids)]
        )
        self.assertEqual(set(entries.mapped("outcome")), {"won"})

    def test_won_stage_has_no_win_rate(self):
        self.assertEqual(self._win_rate(self.stage_won)[:2], (False, False))

    def test_salesman_reads_no_win_rate(self):
        """Reps read the stages; the win rates are the sales managers'."""
        stage = self.stage_survey.with_user(self.user_sales_salesman)
        self.assertTrue(stage.read(["name", "sequence"]))
        with self.assertRaises(AccessError):
            stage.read(["win_rate_summary"])

    def test_win_rates_of_every_stage_in_one_query(self):
        stages = self.env["crm.stage"].with_user(self.user_sales_manager).search([])
        stages.mapped("win_rate_summary")  # warm the caches
        self.env.invalidate_all()
        # the stages, the company's period, then the history for all of them
        with self.assertQueryCount(3):
            stages.mapped("win_rate_summary")
