-- H2 hands out sequence values 32 at a time and loses the unused ones when the service stops: run ids jumped by 32
-- after each restart. Run ids are what people read and type (POST /api/runs/{id}/restart), so no cache.
ALTER SEQUENCE BATCH_STEP_EXECUTION_SEQ NO CACHE;
ALTER SEQUENCE BATCH_JOB_EXECUTION_SEQ NO CACHE;
ALTER SEQUENCE BATCH_JOB_INSTANCE_SEQ NO CACHE;
