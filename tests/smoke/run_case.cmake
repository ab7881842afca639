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
# The run must hold its mass balance: summary.json's largest relative imbalance of
# any output time within core::kMassBalanceTolerance (solver/core/Tolerances.hpp).
set(mass_balance_tolerance 1e-9)
file(READ ${OUT}/summary.json summary)
string(JSON mass_balance ERROR_VARIABLE json_error GET "${summary}" max_mass_balance_rel)
if(json_error)
  message(FATAL_ERROR "${OUT}/summary.json has no max_mass_balance_rel: ${json_error}")
endif()
if(NOT mass_balance LESS_EQUAL mass_balance_tolerance)
  message(FATAL_ERROR "dermaflux run ${CASE}: max_mass_balance_rel ${mass_balance} exceeds "
                      "${mass_balance_tolerance}")
endif()
