-- Listing one tenant's jobs (API, jobs --tenant) finds its executions by parameter.
CREATE INDEX batch_job_params_name_value_idx ON BATCH_JOB_EXECUTION_PARAMS (PARAMETER_NAME, PARAMETER_VALUE);
