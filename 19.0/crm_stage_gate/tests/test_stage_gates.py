from odoo import fields
from odoo.exceptions import RedirectWarning, UserError
from odoo.service.model import call_kw
from odoo.tests import tagged

from .common import StageGateCase


@tagged("post_install", "-at_install", "crm_stage_gate")
class TestStageGateWaysIn(StageGateCase):
    """Every manual way into a stage checks what it requires."""

    def test_drag_is_refused_naming_the_missing_fields_with_a_way_to_fill_them(self):
        with self.assertRaises(RedirectWarning) as refusal:
            # the pipeline's drag saves the card's new stage
            self._as_salesman(self.opportunity).web_save(
                {"stage_id": self.stage_quote.id}, specification={"stage_id": {}}
            )
        message, action, button, _context = refusal.exception.args
        self.assertEqual(
            message,
            "Fire alarm for a school cannot enter the stage Proposal yet: it still "
            "needs "
            "Expected Closing and Expected Revenue.",
        )
        self.assertEqual(button, "Complete the Opportunity")
        self.assertEqual(
            (action["res_model"], action["res_id"], action["target"]),
            ("crm.lead", self.opportunity.id, "new"),
        )
        self.assertEqual(
            action["context"]["stage_gate_missing_fields"],
            ["date_deadline", "expected_revenue"],
        )
        self.opportunity.invalidate_recordset()
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_drag_of_a_complete_opportunity_moves_it(self):
        self._complete(self.opportunity)
        self._as_salesman(self.opportunity).web_save(
            {"stage_id": self.stage_quote.id}, specification={}
        )
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)

    def test_status_bar_moves_when_the_same_save_fills_what_is_missing(self):
        self._as_salesman(self.opportunity).web_save(
            {
                "expected_revenue": 8000,
                "date_deadline": fields.Date.today(),
                "stage_id": self.stage_quote.id,
            },
            specification={},
        )
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)

    def test_zero_revenue_is_missing(self):
        self._complete(self.opportunity)
        self.opportunity.expected_revenue = 0
        with self.assertRaisesRegex(RedirectWarning, "still needs Expected Revenue\\."):
            self._as_salesman(self.opportunity).stage_id = self.stage_quote

    def test_bulk_edit_moves_none_and_names_each_refused_opportunity(self):
        complete, school, hotel = (
            self.opportunity
            | self._create_opportunity(name="School alarm", stage_id=self.stage_new.id)
            | self._create_opportunity(
                name="Hotel sprinklers",
                expected_revenue=5000,
                stage_id=self.stage_new.id,
            )
        )
        self._complete(complete)
        leads = complete | school | hotel
        with self.assertRaises(RedirectWarning) as refusal:
            # the list's multi-edit writes the records together
            self._as_salesman(leads).write({"stage_id": self.stage_quote.id})
        message, action, button, _context = refusal.exception.args
        self.assertEqual(
            message,
            "2 opportunities cannot enter the stage Proposal yet:\n"
            "School alarm: Expected Closing and Expected Revenue\n"
            "Hotel sprinklers: Expected Closing",
        )
        self.assertEqual(button, "Show These Opportunities")
        self.assertEqual(action["domain"], [("id", "in", [school.id, hotel.id])])
        leads.invalidate_recordset()
        self.assertEqual(leads.stage_id, self.stage_new)

    def test_refusal_of_many_names_ten_and_counts_the_others(self):
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Site {index}",
                    "type": "opportunity",
                    "stage_id": self.stage_new.id,
                }
                for index in range(12)
            ]
        )
        with self.assertRaises(RedirectWarning) as refusal:
            leads.write({"stage_id": self.stage_quote.id})
        message = refusal.exception.args[0]
        self.assertIn("Site 9: ", message)
        self.assertNotIn("Site 10: ", message)
        self.assertTrue(message.endswith("\nand 2 more."), message)

    def test_import_names_the_refused_row(self):
        complete = self._create_opportunity(name="Town hall")
        self._complete(complete)
        for name, lead in (("town_hall", complete), ("school", self.opportunity)):
            self.env["ir.model.data"].create(
                {
                    "module": "__import__",
                    "name": name,
                    "model": "crm.lead",
                    "res_id": lead.id,
                }
            )
        csv = "id,stage_id\n__import__.town_hall,Proposal\n__import__.school,Proposal\n"
        wizard = (
            self.env["base_import.import"]
            .with_env(self.salesman_env)
            .create(
                {
                    "res_model": "crm.lead",
                    "file": csv.encode(),
                    "file_type": "text/csv",
                }
            )
        )
        result = wizard.execute_import(
            ["id", "stage_id"],
            ["id", "stage_id"],
            {"has_headers": True, "quoting": '"', "separator": ","},
        )
        errors = [
            message for message in result["messages"] if message["type"] == "error"
        ]
        refusal = (
            "Fire alarm for a school cannot enter the stage Proposal yet: it still "
            "needs "
            "Expected Closing and Expected Revenue."
        )
        # the second row of data; Odoo repeats a batch's error on its first row
        self.assertIn({"from": 1, "to": 1}, [error["rows"] for error in errors])
        self.assertEqual({error["message"] for error in errors}, {refusal})
        self.assertFalse(result["ids"], "an import with errors saves nothing")

    def test_rpc_as_a_salesman_is_refused(self):
        leads = self.env["crm.lead"].with_env(self.salesman_env)
        with self.assertRaisesRegex(RedirectWarning, "cannot enter the stage Proposal"):
            call_kw(
                leads,
                "write",
                [[self.opportunity.id], {"stage_id": self.stage_quote.id}],
                {},
            )
        with self.assertRaisesRegex(
            UserError, "Site cannot be created in the stage Proposal: it still needs"
        ):
            call_kw(
                leads,
                "create",
                [
                    {
                        "name": "Site",
                        "type": "opportunity",
                        "stage_id": self.stage_quote.id,
                    }
                ],
                {},
            )

    def test_quick_create_in_a_gated_column_needs_its_fields(self):
        column = (
            self.env["crm.lead"]
            .with_env(self.salesman_env)
            .with_context(
                default_stage_id=self.stage_quote.id, default_type="opportunity"
            )
        )
        with self.assertRaisesRegex(UserError, "Create it in an earlier stage"):
            column.create({"name": "Site"})
        lead = column.create(
            {
                "name": "Site",
                "expected_revenue": 900,
                "date_deadline": fields.Date.today(),
            }
        )
        self.assertEqual(lead.stage_id, self.stage_quote)
