from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import StageHistoryCase


@tagged("post_install", "-at_install", "crm_stage_analysis", "stage_duration", "merge")
class TestStageHistoryMergeLinks(StageHistoryCase):
    """A merge notes the stage changes it moves onto the opportunity kept, so
    that they are left out of its history. Only the merge notes them, and a
    note leaves out only the changes of the opportunity holding it: nobody
    empties the company's reports by noting other opportunities' changes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_survey = cls.env["crm.stage"].create(
            {"name": "Site Survey", "sequence": 3}
        )
        cls.now = fields.Datetime.now().replace(microsecond=0)

    def _colleague_history(self):
        """A colleague's ten opportunities through Site Survey: eight won, two
        lost, enough for a win rate."""
        created = self.now - timedelta(days=30)
        leads = self.env["crm.lead"]
        for _index in range(10):
            leads |= self._opportunity(
                created,
                [
                    (None, self.stage_new),
                    (created + timedelta(days=1), self.stage_survey),
                ],
                user_id=self.user_sales_leads.id,
            )
        for lead in leads[:8]:
            self._win(lead, created + timedelta(days=8))
        self._lose(leads[8:], created + timedelta(days=8))
        return leads

    def _stage_changes(self, leads):
        return (
            leads.message_ids.tracking_value_ids.filtered(
                lambda tracking: tracking.field_id.name == "stage_id"
            )
        ).mail_message_id

    def _reports(self, leads):
        """What a sales manager reads of ``leads``: Stage Durations' rows, Stage
        Conversion's rows, and Site Survey's win rate."""
        self.env.invalidate_all()
        manager = self.user_sales_manager
        domain = [("lead_id", "in", leads.ids)]
        return (
            self.env["crm.stage.duration"].with_user(manager).search_count(domain),
            self.env["crm.stage.conversion"].with_user(manager).search_count(domain),
            self.stage_survey.with_user(manager).win_rate_summary,
        )

    def test_sales_users_cannot_note_stage_changes_as_merged(self):
        leads = self._colleague_history()
        reports = self._reports(leads)
        self.assertEqual(reports, (28, 28, "80 % — 8 won of 10 closed"))
        link = [Command.link(message.id) for message in self._stage_changes(leads)]
        for user in (self.user_sales_salesman, self.user_sales_manager):
            own = self._create_opportunity(user_id=user.id).with_user(user)
            with (
                self.subTest(user=user.login),
                mute_logger("odoo.models"),
                self.assertRaises(AccessError),
            ):
                own.write({"merged_stage_change_ids": link})
            with (
                self.subTest(user=user.login),
                mute_logger("odoo.models"),
                self.assertRaises(AccessError),
            ):
                own.create(
                    {
                        "name": "Sprinklers for a warehouse",
                        "type": "opportunity",
                        "user_id": user.id,
                        "merged_stage_change_ids": link,
                    }
                )
        self.assertEqual(self._reports(leads), reports)

    def test_a_note_leaves_out_only_the_changes_of_its_opportunity(self):
        """Notes made before only the merge could write them, on an opportunity
        that does not hold the changes, hide nothing."""
        leads = self._colleague_history()
        reports = self._reports(leads)
        holder = self._create_opportunity()
        holder.sudo().merged_stage_change_ids = self._stage_changes(leads)
        self.assertEqual(self._reports(leads), reports)

    def test_salesman_merging_keeps_each_history_its_own(self):
        """The merge notes the changes it moves whoever merges."""
        kept = self._opportunity(
            self.now - timedelta(days=20),
            [(None, self.stage_new), (self.now - timedelta(days=10), self.stage_quote)],
        )
        merged = self._opportunity(
            self.now - timedelta(days=15),
            [
                (None, self.stage_new),
                (self.now - timedelta(days=12), self.stage_survey),
            ],
        )
        rows = self._reports(kept)[:2]
        salesman = self.user_sales_salesman
        self.assertEqual((kept + merged).with_user(salesman).merge_opportunity(), kept)
        self._flush_tracking()
        self.assertEqual(len(self._stage_changes(kept)), 2, "both in its chatter")
        self.assertEqual(self._reports(kept)[:2], rows)
