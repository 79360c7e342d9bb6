/** @odoo-module **/

import { Domain } from "@web/core/domain";
import { patch } from "@web/core/utils/patch";
import { RelationalModel } from "@web/model/relational_model/relational_model";
import {
    CrmKanbanDynamicGroupList,
    CrmKanbanModel,
} from "@crm/views/crm_kanban/crm_kanban_model";

export const STALE_DOMAIN = [["is_rotting", "=", true]];

/**
 * Per stage column, what the server counts (a column only loads its first
 * cards): its stale opportunities, and its weighted revenue in the company's
 * currency (each opportunity converted at today's rate). Fetched with the
 * pipeline, again after a move, an activity change or a column filter.
 */
patch(CrmKanbanModel.prototype, {
    setup() {
        super.setup(...arguments);
        this.staleCounts = {};
        this.staleFilteredGroups = new Set();
        this.weightedRevenues = {};
        this.weightedRevenueCurrencyId = false;
    },

    async load() {
        await super.load(...arguments);
        await this.loadColumnTotals();
    },

    get hasStageColumns() {
        return this.config.groupBy?.[0] === "stage_id" && !this.orm.isSample;
    },

    async loadColumnTotals() {
        if (!this.hasStageColumns) {
            this.staleCounts = {};
            this.weightedRevenues = {};
            return;
        }
        const { resModel, domain, context } = this.config;
        const [staleGroups, weighted] = await Promise.all([
            this.orm.readGroup(
                resModel,
                Domain.and([domain, STALE_DOMAIN]).toList(),
                ["stage_id"],
                ["stage_id"],
                { lazy: false, context }
            ),
            this.orm.call(resModel, "read_weighted_revenue", [domain], { context }),
        ]);
        this.staleCounts = Object.fromEntries(
            staleGroups.map((group) => [group.stage_id[0], group.__count])
        );
        this.weightedRevenueCurrencyId = weighted.currency_id;
        this.weightedRevenues = weighted.totals;
        for (const group of this.root.groups || []) {
            // like an emptied progress bar selection: a column filtered on its
            // stale cards shows all of them again once it has none left
            if (this.staleFilteredGroups.has(group.value) && !this.staleCounts[group.value]) {
                this.staleFilteredGroups.delete(group.value);
                await group.applyFilter(undefined);
            } else if (group.config.extraDomain) {
                await this.loadFilteredWeightedRevenue(group);
            }
        }
        this.notify();
    },

    /** The weighted revenue of a column filtered on a progress bar or its stale cards. */
    async loadFilteredWeightedRevenue(group) {
        const { resModel, context } = this.config;
        const domain = Domain.and([group.groupDomain, group.config.extraDomain || []]);
        const weighted = await this.orm.call(resModel, "read_weighted_revenue", [
            domain.toList(),
        ], { context });
        this.weightedRevenues[group.value] = weighted.totals[group.value] || 0;
    },
});

export class CrmKanbanGroup extends RelationalModel.Group {
    async applyFilter(filter) {
        await super.applyFilter(...arguments);
        if (this.model.hasStageColumns) {
            if (filter) {
                await this.model.loadFilteredWeightedRevenue(this);
            } else {
                await this.model.loadColumnTotals();
            }
        }
    }
}
CrmKanbanModel.Group = CrmKanbanGroup;

patch(CrmKanbanDynamicGroupList.prototype, {
    async moveRecord(dataRecordId, dataGroupId, refId, targetGroupId) {
        await super.moveRecord(...arguments);
        if (dataGroupId !== targetGroupId && this.model.hasStageColumns) {
            await this.model.loadColumnTotals();
        }
    },
});
