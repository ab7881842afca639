# The MPI task farm when things go wrong. Called by CTest with -DDERMAFLUX=...
# -DMPIEXEC=... -DMPIEXEC_FLAGS="..." -DRANKS=<n> -DDATA=tests/data/farm -DOUT=<folder>.
# 1. failing.sweep.yaml: its middle case fails when it runs; the farm reports it,
#    finishes the other two and exits with 5, like the serial batch.
# 2. bad.sweep.yaml: bad input; reported once (by rank 0, not by every rank), and
#    every rank leaves with 2 before any case runs.
cmake_policy(SET CMP0007 NEW)
separate_arguments(flags UNIX_COMMAND "${MPIEXEC_FLAGS}")
file(REMOVE_RECURSE ${OUT})

execute_process(COMMAND ${MPIEXEC} -n ${RANKS} ${flags} ${DERMAFLUX} batch
                        ${DATA}/failing.sweep.yaml --output ${OUT}/failing --quiet
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
if(NOT status EQUAL 5)
  message(FATAL_ERROR "a sweep with a failing case: expected exit status 5, found ${status}:\n"
                      "${output}\n${errors}")
endif()
if(NOT errors MATCHES "dermaflux: failed: 0001-[0-9a-f]+: the mesh has [0-9]+ cells and needs")
  message(FATAL_ERROR "the failing case is not reported:\n${errors}")
endif()
if(NOT output MATCHES "3 cases selected, 2 run, 0 already finished, 1 failed")
  message(FATAL_ERROR "the other cases did not all run:\n${output}")
endif()
file(STRINGS ${OUT}/failing/batch.csv rows)
list(LENGTH rows count)
list(GET rows 1 first)
list(GET rows 2 second)
if(NOT count EQUAL 3 OR NOT first MATCHES "^0," OR NOT second MATCHES "^2,")
  message(FATAL_ERROR "batch.csv: expected the header and the rows of cases 0 and 2:\n${rows}")
endif()

execute_process(COMMAND ${MPIEXEC} -n ${RANKS} ${flags} ${DERMAFLUX} batch
                        ${DATA}/bad.sweep.yaml --output ${OUT}/bad --quiet
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
if(NOT status EQUAL 2)
  message(FATAL_ERROR "a sweep with bad input: expected exit status 2, found ${status}:\n"
                      "${output}\n${errors}")
endif()
string(REGEX MATCHALL "dermaflux: error: [^\n]*" reports "${errors}")
list(LENGTH reports count)
if(NOT count EQUAL 1 OR NOT reports MATCHES
   "bad\\.sweep\\.yaml:5:[0-9]+: vary\\.skin\\.layers\\.stratum_corneum\\.thickness\\[1\\]: expected")
  message(FATAL_ERROR "bad input: expected one error naming the sweep file, line and key, "
                      "found ${count}:\n${errors}")
endif()
