from odoo import fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL


class CrmStageDuration(models.Model):
    """One row per stay of an opportunity in a stage."""

    _name = "crm.stage.duration"
    _inherit = "crm.stage.history"
    _description = "Time in Stage"
    _auto = False
    _order = "date_in desc, id desc"

    date_out = fields.Datetime(
        string="Left On",
        readonly=True,
        help="Empty while the opportunity is still open in this stage. A won or "
        "lost opportunity leaves its last stage when it is closed.",
    )
    days = fields.Float(
        string="Days in Stage", digits=(16, 1), aggregator="avg", readonly=True
    )
    days_median = fields.Float(
        string="Median Days in Stage",
        digits=(16, 1),
        aggregator="median",
        readonly=True,
        help="Grouped, the median of the days spent in the stage: half of the "
        "stays were shorter, half longer.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                    SELECT stay.id,
                           stay.lead_id,
                           stage.id AS stage_id,
                           %(stage_tracked_id)s AS stage_tracked_id,
                           stay.team_id,
                           stay.user_id,
                           stay.company_id,
                           stay.date_in,
                           stay.date_out,
                           stay.days,
                           stay.days AS days_median,
                           stay.outcome
                      FROM (%(stays)s) stay
                      LEFT JOIN crm_stage stage ON stage.id = stay.stage_id
                     WHERE stage.id IS NOT NULL OR stay.tracked_name != ''
                )
                """,
                view=SQL.identifier(self._table),
                stage_tracked_id=self._stage_tracked_id_sql(
                    "stage", SQL("stay.tracked_name")
                ),
                stays=self._stays_query(),
            )
        )

    def _read_group_select(self, aggregate_spec, query):
        """The median, which Odoo does not offer, is PostgreSQL's, per group."""
        fname, _, func = aggregate_spec.partition(":")
        if func != "median" or fname not in self:
            return super()._read_group_select(aggregate_spec, query)
        field = self._fields[fname]
        if field.type not in ("integer", "float", "monetary"):
            raise UserError(
                self.env._(
                    "The median can only be computed on numbers, and %(field)s is "
                    "not a number.",
                    field=field._description_string(self.env),
                )
            )
        return SQL(
            "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %s)",
            self._field_to_sql(self._table, fname, query),
        )
