/** @odoo-module **/

import { Domain } from "@web/core/domain";
import { patch } from "@web/core/utils/patch";
import {
    CrmKanbanDynamicGroupList,
    CrmKanbanModel,
} from "@crm/views/crm_kanban/crm_kanban_model";

export const STALE_DOMAIN = [["is_rotting", "=", true]];

/**
 * Stale opportunities per stage column, counted by the server (a column only
 * loads its first cards): fetched along with the pipeline, again after a move
 * or an activity change.
 */
patch(CrmKanbanModel.prototype, {
    setup() {
        super.setup(...arguments);
        this.staleCounts = {};
        this.staleFilteredGroups = new Set();
    },

    async _loadData(config) {
        if (!config.isRoot) {
            return super._loadData(...arguments);
        }
        const [data, staleCounts] = await Promise.all([
            super._loadData(...arguments),
            this._fetchStaleCounts(config),
        ]);
        this.staleCounts = staleCounts;
        return data;
    },

    async loadStaleCounts() {
        this.staleCounts = await this._fetchStaleCounts(this.config);
        // like an emptied progress bar selection: a column filtered on its stale
        // cards shows all of them again once it has none left
        for (const group of this.root.groups || []) {
            if (this.staleFilteredGroups.has(group.value) && !this.staleCounts[group.value]) {
                this.staleFilteredGroups.delete(group.value);
                await group.applyFilter(undefined);
            }
        }
        this.notify();
    },

    async _fetchStaleCounts({ resModel, domain, groupBy, context }) {
        if (groupBy?.[0] !== "stage_id" || this.orm.isSample) {
            return {};
        }
        const groups = await this.orm.readGroup(
            resModel,
            Domain.and([domain, STALE_DOMAIN]).toList(),
            ["stage_id"],
            ["stage_id"],
            { lazy: false, context }
        );
        return Object.fromEntries(groups.map((group) => [group.stage_id[0], group.__count]));
    },
});

patch(CrmKanbanDynamicGroupList.prototype, {
    async moveRecord(dataRecordId, dataGroupId, refId, targetGroupId) {
        await super.moveRecord(...arguments);
        if (dataGroupId !== targetGroupId && this.groupByField.name === "stage_id") {
            await this.model.loadStaleCounts();
        }
    },
});
