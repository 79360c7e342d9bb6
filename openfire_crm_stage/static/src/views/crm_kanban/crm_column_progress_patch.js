/** @odoo-module **/

import { getCurrency } from "@web/core/currency";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { CrmColumnProgress } from "@crm/views/crm_kanban/crm_column_progress";
import { STALE_DOMAIN } from "./crm_kanban_model_patch";

patch(CrmColumnProgress.prototype, {
    get weightedRevenueAggregate() {
        const { progressAttributes } = this.props.progressBarState;
        const { group } = this.props;
        if (!progressAttributes.show_weighted_revenue || !group.model.hasStageColumns) {
            return null;
        }
        return {
            value: group.model.weightedRevenues[group.value] || 0,
            title: _t("Weighted Revenue"),
            currency: getCurrency(group.model.weightedRevenueCurrencyId) || false,
        };
    },

    get staleCount() {
        const { group } = this.props;
        return group.model.staleCounts?.[group.value] || 0;
    },

    get staleTitle() {
        return _t("Stale opportunities: %s. Click to show only them.", this.staleCount);
    },

    get isStaleFilterActive() {
        return this.props.group.model.staleFilteredGroups?.has(this.props.group.value);
    },

    /** Show only the column's stale cards, like a click on the progress bar. */
    async onStaleClick() {
        const { group, progressBarState } = this.props;
        const filtered = group.model.staleFilteredGroups;
        if (filtered.has(group.value)) {
            filtered.delete(group.value);
            await group.applyFilter(undefined);
        } else {
            delete progressBarState.activeBars[group.serverValue];
            filtered.add(group.value);
            await group.applyFilter(STALE_DOMAIN);
        }
        group.model.notify();
    },

    async onBarClick(bar) {
        this.props.group.model.staleFilteredGroups?.delete(this.props.group.value);
        return super.onBarClick(bar);
    },
});
