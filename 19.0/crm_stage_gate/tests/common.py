from functools import partial
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import RedirectWarning
from odoo.tests import HttpCase, new_test_user

from odoo.addons.sales_team.tests.common import TestSalesMC


def ensure_french(env, modules=("crm", "crm_stage_gate")):
    """Activate French and load the translations of ``modules``, as an admin
    adding the language does."""
    lang = env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"]._load_module_terms(list(modules), ["fr_FR"])
    return lang


def lead_fields(env, *names):
    """The command setting a stage's fields to fill to the lead fields ``names``."""
    return [
        Command.set(
            [env["ir.model.fields"]._get("crm.lead", name).id for name in names]
        )
    ]


class StageGateCase(TestSalesMC):
    """Stages of their own (Intake, Survey, Proposal; the team's won stage), the
    Proposal stage requiring an expected revenue and a closing date, and sales
    users of two companies (see TestSalesMC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # assert in English whatever the database speaks
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.stage_new, cls.stage_survey, cls.stage_quote = cls.env["crm.stage"].create(
            [
                {"name": name, "sequence": sequence}
                for name, sequence in (("Intake", 1), ("Survey", 2), ("Proposal", 3))
            ]
        )
        cls.stage_won = cls.env["crm.lead"]._stage_find(
            team_id=cls.sales_team_1.id, domain=[("is_won", "=", True)]
        )
        if "company_id" in cls.env["crm.stage"]._fields:
            # OCA's crm_stage_multi_company gives stages a company, the user's by
            # default: these tests' stages serve every company
            cls.env["crm.stage"].search([]).company_id = False
        cls.customer = cls.env["res.partner"].create({"name": "Ridgeway School"})
        cls.stage_quote.gate_field_ids = lead_fields(
            cls.env, "expected_revenue", "date_deadline"
        )
        cls.opportunity = cls._create_opportunity(stage_id=cls.stage_new.id)
        cls.salesman_env = cls.env(user=cls.user_sales_salesman)

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

    @classmethod
    def _lead_fields(cls, *names):
        return lead_fields(cls.env, *names)

    def _complete(self, opportunity):
        opportunity.write(
            {"expected_revenue": 12000, "date_deadline": fields.Date.today()}
        )

    def _as_salesman(self, records):
        return records.with_env(self.salesman_env)

    def _assert_enters(self, opportunity, stage, enters):
        if enters:
            self._as_salesman(opportunity).stage_id = stage
            self.assertEqual(opportunity.stage_id, stage)
        else:
            with self.assertRaises(RedirectWarning):
                self._as_salesman(opportunity).stage_id = stage


class StageGatePerformanceCase(StageGateCase):
    """What a stage's requirements add to moving opportunities into it, against
    the same move with the requirements not checked at all."""

    def _opportunities(self, count):
        """``count`` opportunities of the salesman in Intake, meeting the
        Proposal stage's requirements."""
        leads = self.env(su=True)["crm.lead"].create(
            [
                {
                    "name": f"Site {index}",
                    "type": "opportunity",
                    "stage_id": self.stage_new.id,
                    "partner_id": self.customer.id,
                    "expected_revenue": 1000,
                    "date_deadline": fields.Date.today(),
                    "user_id": self.user_sales_salesman.id,
                    "team_id": self.sales_team_1.id,
                    "company_id": self.company_main.id,
                }
                for index in range(count)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return leads.with_env(self.env)

    def _queries_of(self, operation):
        """The queries ``operation`` costs from cold caches, flushed as the end of
        a request does."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        operation()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _assert_move_adds(self, stage, count, extra):
        """Moving ``count`` opportunities into ``stage`` costs ``extra`` queries
        more than with the requirements not checked at all (as the salesman; each
        way once to warm the caches, then once counted: whatever ran before, and
        whatever the database holds; the pipeline's save of a dragged card for one
        opportunity, the list's multi-edit for several)."""
        counts = {}
        for skip in (True, False, True, False):
            leads = self._opportunities(count)
            if count == 1:
                move = partial(
                    leads.web_save,
                    {"stage_id": stage.id},
                    specification={
                        "stage_id": {"fields": {"display_name": {}}},
                        "probability": {},
                    },
                )
            else:
                # mail tracking writes one message per lead, in vanilla Odoo too
                move = partial(
                    leads.with_context(tracking_disable=True).write,
                    {"stage_id": stage.id},
                )
            with patch.object(type(leads), "_stage_gates_skipped", return_value=skip):
                counts[skip] = self._queries_of(move)
            self.assertEqual(leads.stage_id, stage)
        if self.warm:
            self.assertEqual(counts[False] - counts[True], extra, counts)


class StageGateTourCase(HttpCase):
    """Tours in Chromium, in English and in French: one user per language, both
    members of one sales team, and a pipeline beginning with Intake then
    Proposal."""

    browser_size = "1920x1080"
    tour_login = "gate_user"
    tour_user_name = "Claire Manager"
    tour_groups = "sales_team.group_sale_manager"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_french(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.users = {
            lang: new_test_user(
                cls.env,
                login=f"{cls.tour_login}_{lang}",
                name=f"{cls.tour_user_name} ({lang})",
                groups=cls.tour_groups,
                lang=lang,
            )
            for lang in ("en_US", "fr_FR")
        }
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Field sales",
                "member_ids": [Command.set([user.id for user in cls.users.values()])],
            }
        )
        # the first columns, on screen whatever other stages there are
        cls.stage_new, cls.stage_quote = cls.env["crm.stage"].create(
            [
                {"name": name, "sequence": sequence}
                for name, sequence in (("Intake", -2), ("Proposal", -1))
            ]
        )
        cls.stage_new.update_field_translations("name", {"fr_FR": "Accueil"})
        cls.stage_quote.update_field_translations("name", {"fr_FR": "Offre"})
