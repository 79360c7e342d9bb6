from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import StageHistoryCase


@tagged("post_install", "-at_install", "crm_stage_analysis", "stage_duration")
class TestStageHistoryBounds(StageHistoryCase):
    """Stage Durations and Stage Conversion at the edges of their input."""

    def test_stage_left_in_the_second_of_creation_lasted_no_time(self):
        """Odoo dates a creation to the microsecond, a stage change to the
        second: a stage left within the second of creation lasted 0 days."""
        moved = fields.Datetime.now().replace(microsecond=0) - timedelta(days=2)
        lead = self._opportunity(
            moved + timedelta(microseconds=600000),
            [(None, self.stage_new), (moved, self.stage_quote)],
        )
        domain = [("lead_id", "=", lead.id), ("stage_id", "=", self.stage_new.id)]
        stay = self.env["crm.stage.duration"].search(domain)
        self.assertEqual((stay.date_in, stay.date_out, stay.days), (moved, moved, 0))
        [group] = self.env["crm.stage.duration"].formatted_read_group(
            domain, ["stage_id"], ["days:avg", "days_median:median"]
        )
        self.assertEqual((group["days:avg"], group["days_median:median"]), (0, 0))
        entry = self.env["crm.stage.conversion"].search(domain)
        self.assertEqual((entry.date_in, entry.days), (moved, 0))

    def test_stage_entered_ahead_of_the_database_clock_lasted_no_time(self):
        """Odoo's clock dates the change, PostgreSQL's tells how long ago it
        was: a few seconds apart, the stage was entered just now all the same."""
        now = fields.Datetime.now()
        lead = self._opportunity(
            now - timedelta(days=1),
            [(None, self.stage_new), (now + timedelta(seconds=5), self.stage_quote)],
        )
        domain = [("lead_id", "=", lead.id), ("stage_id", "=", self.stage_quote.id)]
        for report in ("crm.stage.duration", "crm.stage.conversion"):
            self.assertEqual(self.env[report].search(domain).days, 0, report)

    def test_median_of_a_field_that_is_no_number_is_refused(self):
        report = self.env["crm.stage.duration"].with_user(self.user_sales_manager)
        with self.assertRaises(UserError) as refusal:
            report.formatted_read_group([], ["team_id"], ["stage_tracked_id:median"])
        self.assertEqual(
            str(refusal.exception),
            "The median can only be computed on numbers, and Stage is not a number.",
        )

    def test_salesman_finds_a_deleted_stage_under_the_name_it_had(self):
        """The search box's Stage and the pivot's rows, read by a salesman: a
        deleted stage goes by the name it had, after the pipeline's stages."""
        survey = self.env["crm.stage"].create({"name": "Site Survey", "sequence": 3})
        now = fields.Datetime.now()
        lead = self._opportunity(
            now - timedelta(days=3),
            [
                (None, self.stage_new),
                (now - timedelta(days=2), survey),
                (now - timedelta(days=1), self.stage_quote),
            ],
        )
        survey.unlink()
        domain = [("lead_id", "=", lead.id)]
        for name in ("crm.stage.duration", "crm.stage.conversion"):
            report = self.env[name].with_user(self.user_sales_salesman)
            found = report.search(domain + [("stage_tracked_id", "ilike", "Survey")])
            self.assertEqual(found.stage_tracked_id.mapped("name"), ["Site Survey"])
            groups = report.formatted_read_group(domain, ["stage_tracked_id"])
            self.assertEqual(
                [group["stage_tracked_id"][1] for group in groups],
                ["New", "Quote", "Site Survey"],
                name,
            )
