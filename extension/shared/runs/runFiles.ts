/** Names of the files BERT Studio itself keeps in a run folder, beside the Trainer's. */

/** What the run was made from (data, model, task, arguments): for the Runs view, the dashboard and --resume. */
export const RUN_FILE = 'bert-studio-run.json';
/** The host records a failed run here, so the Runs view can show why after a reload. */
export const FAILURE_FILE = 'bert-studio-failure.json';
