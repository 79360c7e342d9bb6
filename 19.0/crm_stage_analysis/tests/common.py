from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user

from odoo.addons.sales_team.tests.common import TestSalesMC


def create_pipeline(cls):
    """A pipeline of the test's own, whatever stages the database has: New,
    Estimate, Technical Visit, Quote, Won."""
    cls.stage_new, cls.stage_estimate, cls.stage_visit, cls.stage_quote = cls.env[
        "crm.stage"
    ].create(
        [
            {"name": name, "sequence": sequence}
            for sequence, name in enumerate(
                ("New", "Estimate", "Technical Visit", "Quote"), start=1
            )
        ]
    )
    cls.stage_won = cls.env["crm.stage"].create(
        {"name": "Won", "sequence": 70, "is_won": True}
    )
    if "company_id" in cls.env["crm.stage"]._fields:
        # OCA's crm_stage_multi_company gives stages the user's company: these
        # tests' stages serve every company
        cls.env["crm.stage"].search([]).company_id = False
        cls.env["ir.default"].set("crm.stage", "company_id", False)


class StageHistoryCase(TestSalesMC):
    """Opportunities with stage histories of known dates, as Odoo's tracking
    writes them, for the reports over the stage history; sales users of two
    companies (see TestSalesMC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # whatever language the database speaks: assert in English
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        create_pipeline(cls)
        cls.customer = cls.env["res.partner"].create({"name": "Lycée Chateaubriand"})

    @classmethod
    def _create_opportunity(cls, **values):
        return cls.env["crm.lead"].create(
            {
                "name": "Fire alarm for a school",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "team_id": cls.sales_team_1.id,
                "user_id": cls.user_sales_salesman.id,
                **values,
            }
        )

    def _opportunity(self, created, moves, team=None, **values):
        """An opportunity created on ``created`` in the first stage of ``moves``,
        then moved on each (date, stage) that follows."""
        (_date, first), *changes = moves
        lead = self._create_opportunity(
            stage_id=first.id, team_id=(team or self.sales_team_1).id, **values
        )
        self._flush_tracking()
        for date, stage in changes:
            self._move(lead, stage, date)
        self._set_date("crm_lead", "create_date", lead.id, created)
        return lead

    def _move(self, lead, stage, date):
        """``lead`` moved to ``stage`` on ``date``."""
        lead.write({"stage_id": stage.id})
        self._flush_tracking()
        change = lead.message_ids.tracking_value_ids.filtered(
            lambda tracking: tracking.field_id.name == "stage_id"
        ).sorted("id")[-1]
        self.assertEqual(change.new_value_integer, stage.id)
        self._set_date("mail_message", "date", change.mail_message_id.id, date)

    def _flush_tracking(self):
        """What the end of a request does: tracking is written before commit."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _set_date(self, table, column, record_id, date):
        self.env.flush_all()
        self.env.cr.execute(
            f"UPDATE {table} SET {column} = %s WHERE id = %s",
            (date, record_id),
        )
        self.env.invalidate_all()

    def _win(self, lead, date):
        self._move(lead, self.stage_won, date)
        self._set_date("crm_lead", "date_closed", lead.id, date)

    def _lose(self, leads, date):
        leads.action_set_lost()
        for lead in leads:
            self._set_date("crm_lead", "date_closed", lead.id, date)


class WinRateCase(StageHistoryCase):
    """Histories through a stage of its own, Site Survey, for its win rate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a stage of its own, so that no other history counts
        cls.stage_survey = cls.env["crm.stage"].create(
            {"name": "Site Survey", "sequence": 3}
        )
        cls.now = fields.Datetime.now().replace(microsecond=0)

    def _through_survey(self, won=0, lost=0, still_open=0, days_ago=30):
        """Opportunities created ``days_ago`` in New, moved to Site Survey the day
        after, then ``won`` of them won and ``lost`` lost a week later."""
        created = self.now - timedelta(days=days_ago)
        leads = self.env["crm.lead"]
        for _index in range(won + lost + still_open):
            leads |= self._opportunity(
                created,
                [
                    (None, self.stage_new),
                    (created + timedelta(days=1), self.stage_survey),
                ],
            )
        closed = created + timedelta(days=8)
        for lead in leads[:won]:
            self._win(lead, closed)
        self._lose(leads[won : won + lost], closed)
        return leads

    def _win_rate(self, stage):
        stage = stage.with_user(self.user_sales_manager)
        return (
            stage.win_rate_summary,
            stage.win_rate_known,
            stage.win_rate,
        )


class TourCase(HttpCase):
    """Tours in Chromium, in English and in French: one sales manager per
    language, both members of one sales team, on a database that speaks French;
    the test's own pipeline."""

    browser_size = "1920x1080"
    tour_login = "analysis_user"
    tour_user_name = "Claire Manager"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["mail", "crm", "sales_team", "crm_stage_analysis"], ["fr_FR"]
        )
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        create_pipeline(cls)
        cls.users = {
            lang: new_test_user(
                cls.env,
                login=f"{cls.tour_login}_{lang}",
                name=f"{cls.tour_user_name} ({lang})",
                groups="sales_team.group_sale_manager",
                lang=lang,
            )
            for lang in ("en_US", "fr_FR")
        }
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Brittany installers",
                "member_ids": [Command.set([user.id for user in cls.users.values()])],
            }
        )

    @classmethod
    def _flush_tracking(cls):
        """Stage changes are tracked at the end of the request."""
        cls.env.flush_all()
        cls.env.cr.precommit.run()
