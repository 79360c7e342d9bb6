from odoo import api, fields, models, tools
from odoo.tools import SQL

# the visits of the stage history, refreshed daily (see _query)
STORED_VISITS = "crm_stage_duration_visit"


class CrmStageDuration(models.Model):
    """One row per stage visit of an opportunity, read from the stage tracking Odoo
    keeps on every opportunity (history from before this module included)."""

    _name = "crm.stage.duration"
    _description = "Time in Stage"
    _auto = False
    _rec_name = "lead_id"
    _order = "date_in desc, id desc"
    # flushed before the view is read; Odoo reads it on the class
    _depends = {  # noqa: RUF012
        "crm.lead": [
            "active",
            "company_id",
            "create_date",
            "date_closed",
            "stage_id",
            "team_id",
            "type",
            "user_id",
            "write_date",
        ],
        "crm.stage": ["is_won", "name", "sequence"],
        "mail.message": ["date", "model", "res_id"],
        "mail.tracking.value": [
            "field_id",
            "mail_message_id",
            "new_value_char",
            "new_value_integer",
            "old_value_char",
            "old_value_integer",
        ],
    }

    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    stage_name = fields.Char(
        string="Stage",
        translate=True,
        readonly=True,
        help="The stage's current name, or the name it had when it was deleted.",
    )
    stage_id = fields.Many2one(
        "crm.stage",
        string="Stage Record",
        readonly=True,
        help="Empty when the stage has been deleted since.",
    )
    stage_sequence = fields.Integer(readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_in = fields.Datetime(string="Entered On", readonly=True)
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
        aggregator="avg",
        readonly=True,
        help="Grouped, the median of the days spent in the stage: half of the "
        "visits were shorter, half longer.",
    )
    outcome = fields.Selection(
        [("open", "Open"), ("won", "Won"), ("lost", "Lost")],
        readonly=True,
        help="How the opportunity ended, or Open while it is still in progress.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                DROP MATERIALIZED VIEW IF EXISTS %(stored)s;
                CREATE MATERIALIZED VIEW %(stored)s AS (%(rows)s);
                CREATE UNIQUE INDEX ON %(stored)s (id);
                """,
                stored=SQL.identifier(STORED_VISITS),
                rows=self._rows_query(),
            )
        )
        self._create_view()

    def _create_view(self):
        """The view names the last stage change stored and when: the planner
        then knows how few opportunities changed since."""
        self.env.cr.execute(
            SQL(
                "SELECT COALESCE(MAX(tracking_id), 0), NOW() AT TIME ZONE 'UTC'"
                " FROM %s",
                SQL.identifier(STORED_VISITS),
            )
        )
        last_tracking_id, stored_on = self.env.cr.fetchone()
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(last_tracking_id, stored_on),
            )
        )

    def _rows_query(self, lead_ids=None):
        """Each stage change opens a visit that the next change closes; an
        opportunity's first visit starts at its creation, in the stage its first
        change left (or its stage today, if it never changed). A won or lost
        opportunity leaves its last stage when it is closed. A visit's id is
        even for a change (twice the tracking value's) and odd for a creation,
        so that it stays the same from one reading to the next. ``lead_ids``: an
        SQL query of the opportunities to read, all of them by default."""
        in_leads = SQL("IN (%s)", lead_ids) if lead_ids else SQL("IS NOT NULL")
        return SQL(
            """
            WITH changes AS (
                SELECT message.res_id AS lead_id,
                       tracking.id AS tracking_id,
                       message.date,
                       tracking.old_value_integer AS old_stage_id,
                       tracking.old_value_char AS old_stage_name,
                       tracking.new_value_integer AS new_stage_id,
                       tracking.new_value_char AS new_stage_name,
                       ROW_NUMBER() OVER visits AS rank,
                       LEAD(message.date) OVER visits AS next_date
                  FROM mail_tracking_value tracking
                  JOIN mail_message message ON message.id = tracking.mail_message_id
                 WHERE tracking.field_id = %(field)s
                   AND message.model = 'crm.lead'
                   AND message.res_id %(in_leads)s
                WINDOW visits AS (
                    PARTITION BY message.res_id ORDER BY message.date, tracking.id
                )
            ), visits AS (
                SELECT lead.id * 2 + 1 AS id,
                       lead.id AS lead_id,
                       NULL::integer AS tracking_id,
                       CASE WHEN first.lead_id IS NULL THEN lead.stage_id
                            ELSE first.old_stage_id
                       END AS stage_id,
                       first.old_stage_name AS tracked_name,
                       lead.create_date AS date_in,
                       first.date AS date_out
                  FROM crm_lead lead
                  LEFT JOIN changes first ON first.lead_id = lead.id AND first.rank = 1
                 WHERE lead.id %(in_leads)s
                 UNION ALL
                SELECT tracking_id * 2, lead_id, tracking_id, new_stage_id,
                       new_stage_name, date, next_date
                  FROM changes
            )
            SELECT visit.id,
                   visit.lead_id,
                   visit.tracking_id,
                   visit.stage_id,
                   visit.tracked_name,
                   lead.team_id,
                   lead.user_id,
                   lead.company_id,
                   visit.date_in,
                   COALESCE(
                       visit.date_out,
                       CASE WHEN NOT lead.active OR lead_stage.is_won
                            THEN GREATEST(lead.date_closed, visit.date_in)
                       END
                   ) AS date_out,
                   CASE WHEN NOT lead.active THEN 'lost'
                        WHEN lead_stage.is_won THEN 'won'
                        ELSE 'open'
                   END AS outcome
              FROM visits visit
              JOIN crm_lead lead ON lead.id = visit.lead_id
              LEFT JOIN crm_stage lead_stage ON lead_stage.id = lead.stage_id
             WHERE lead.type = 'opportunity'
            """,
            field=SQL(
                "(SELECT id FROM ir_model_fields"
                " WHERE model = 'crm.lead' AND name = 'stage_id')"
            ),
            in_leads=in_leads,
        )

    def _query(self, last_tracking_id, stored_on):
        """The visits stored at the last refresh, except those of the
        opportunities changed since (saved, or given a stage change), read live:
        the report is never late, and reads little live. A transaction started
        before the refresh may commit after it: an hour of margin. The stage's
        name and order are always read live."""
        days = SQL(
            "EXTRACT(EPOCH FROM COALESCE(visit.date_out, NOW() AT TIME ZONE 'UTC')"
            " - visit.date_in) / 86400"
        )
        return SQL(
            """
            WITH changed AS (
                SELECT message.res_id AS lead_id
                  FROM mail_tracking_value tracking
                  JOIN mail_message message ON message.id = tracking.mail_message_id
                 WHERE tracking.id > %(last_tracking_id)s
                   AND message.model = 'crm.lead'
                 UNION
                SELECT id FROM crm_lead
                 WHERE write_date > %(stored_on)s::timestamp - INTERVAL '1 hour'
            ), visits AS (
                SELECT * FROM %(stored)s stored
                 WHERE NOT EXISTS (
                           SELECT FROM changed WHERE changed.lead_id = stored.lead_id
                       )
                 UNION ALL
                SELECT * FROM (%(live)s) live
            )
            SELECT visit.id,
                   visit.lead_id,
                   stage.id AS stage_id,
                   COALESCE(
                       stage.name, jsonb_build_object('en_US', visit.tracked_name)
                   ) AS stage_name,
                   stage.sequence AS stage_sequence,
                   visit.team_id,
                   visit.user_id,
                   visit.company_id,
                   visit.date_in,
                   visit.date_out,
                   %(days)s AS days,
                   %(days)s AS days_median,
                   visit.outcome
              FROM visits visit
              JOIN crm_lead lead ON lead.id = visit.lead_id
              LEFT JOIN crm_stage stage ON stage.id = visit.stage_id
             WHERE stage.id IS NOT NULL OR visit.tracked_name != ''
            """,
            last_tracking_id=last_tracking_id,
            stored_on=stored_on,
            stored=SQL.identifier(STORED_VISITS),
            live=self._rows_query(SQL("SELECT lead_id FROM changed")),
            days=days,
        )

    @api.model
    def _refresh_stored_visits(self):
        """Store the visits as they are now (daily cron): the fewer opportunities
        changed since, the faster the report."""
        self.env.flush_all()
        self.env.cr.execute(
            # concurrently: the report stays readable while its history is stored
            SQL(
                "REFRESH MATERIALIZED VIEW CONCURRENTLY %s",
                SQL.identifier(STORED_VISITS),
            )
        )
        self._create_view()

    def _read_group_select(self, aggregate_spec, query):
        """The median is PostgreSQL's, computed per group."""
        if aggregate_spec != "days_median:avg":
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %s)",
            self._field_to_sql(self._table, "days_median", query),
        )

    def _read_group_orderby(self, order, groupby_terms, query):
        """Stages read in pipeline order, not alphabetically; deleted ones last."""
        if "stage_name" in groupby_terms:
            groupby_terms = dict(
                groupby_terms,
                stage_name=SQL(
                    "MIN(%s), %s",
                    self._field_to_sql(self._table, "stage_sequence", query),
                    groupby_terms["stage_name"],
                ),
            )
        return super()._read_group_orderby(order, groupby_terms, query)

    def action_open_opportunity(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
