from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.sql_db import db_connect
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "crm_stage_gate")
class TestStageGateConcurrency(BaseCase):
    """A move in a transaction that began before a manager committed a new
    requirement fails as a serialization failure, which Odoo answers by running
    the request again: the requirement is then checked. Two real connections,
    committing; what they create is deleted at the end."""

    def setUp(self):
        super().setUp()
        self.database = db_connect(get_db_name())
        with self.database.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.stage = env["crm.stage"].create({"name": "Concurrency check"})
            self.lead = env["crm.lead"].create(
                {"name": "Concurrency check", "type": "opportunity"}
            )
        self.addCleanup(self._delete_records)

    def _delete_records(self):
        with self.database.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.lead.with_env(env).unlink()
            self.stage.with_env(env).unlink()

    def test_move_begun_before_a_new_requirement_is_run_again(self):
        with self.database.cursor() as rep_cr, self.database.cursor() as manager_cr:
            rep_env = api.Environment(rep_cr, SUPERUSER_ID, {})
            # the rep's transaction begins: the stage has no requirement yet
            self.assertFalse(self.stage.with_env(rep_env).is_gated)
            manager_env = api.Environment(manager_cr, SUPERUSER_ID, {})
            revenue = manager_env["ir.model.fields"]._get(
                "crm.lead", "expected_revenue"
            )
            self.stage.with_env(manager_env).gate_field_ids = [Command.set(revenue.ids)]
            manager_cr.commit()
            with self.assertRaises(SerializationFailure), mute_logger("odoo.sql_db"):
                self.lead.with_env(rep_env).stage_id = self.stage
                rep_env.flush_all()
            rep_cr.rollback()
