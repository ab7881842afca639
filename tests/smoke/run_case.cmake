# Smoke test of one shipped case: `check` must accept it and `run` must finish
# with a summary.json. Called by CTest with -DDERMAFLUX=... -DCASE=... -DOUT=...
# [-DUNTIL=<time>].
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${DERMAFLUX} check ${CASE} RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "dermaflux check ${CASE} failed with status ${status}")
endif()
# UNTIL (optional) cuts long cases short: a smoke test checks that a case runs.
set(until_arguments "")
if(UNTIL)
  set(until_arguments --until ${UNTIL})
endif()
execute_process(COMMAND ${DERMAFLUX} run ${CASE} --output ${OUT} --quiet ${until_arguments}
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "dermaflux run ${CASE} failed with status ${status}")
endif()
if(NOT EXISTS ${OUT}/summary.json)
  message(FATAL_ERROR "dermaflux run ${CASE} left no summary.json in ${OUT}")
endif()
