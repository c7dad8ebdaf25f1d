/**
 * The task-specific part of the dashboard's last evaluation, by the registry's task names. A run that never said
 * its task is shown as every run was before tasks: a classifier's confusion matrix when its evaluation has one.
 */
import type { TaskName } from '../../extension/shared/taskName';
import type { DashboardState } from '../../extension/shared/runs/dashboardModel';
import { classificationDetail, multiLabelDetail, regressionPoints } from '../../extension/shared/runs/evalDetail';
import { classificationPanel } from './classification';
import { entityTypesPanel, labelsPanel } from './scoreTables';
import { scatterPanel } from './scatter';

type LastEval = NonNullable<DashboardState['lastEval']>;
type Panel = (e: LastEval) => HTMLElement | null;

const classification: Panel = (e) => {
  const d = classificationDetail(e.detail);
  return d ? classificationPanel(d) : null;
};

const PANELS: Record<TaskName, Panel> = {
  cls: classification,
  qa: () => null,
  token: (e) => entityTypesPanel(e.metrics),
  multilabel: (e) => labelsPanel(e.metrics, multiLabelDetail(e.detail)),
  regression: (e) => {
    const d = regressionPoints(e.detail);
    return d ? scatterPanel(d, e.metrics) : null;
  },
};

export const taskPanel = (task: TaskName | null | undefined, e: LastEval): HTMLElement | null =>
  (task ? PANELS[task] : classification)(e);
