# The MPI task farm against the serial batch. Called by CTest with
#   -DDERMAFLUX=... -DDATA=tests/data/farm -DOUT=<folder> -DSWEEPS="intact;needled"
#   -DRANKS=<n>  (0: the serial reference itself, written to OUT)
#   -DMPIEXEC=... -DMPIEXEC_FLAGS="..." -DREFERENCE=<the serial reference's OUT>
#   -DRERUN=ON   (optional: a second farm run must skip every case)
# For every sweep, `mpirun -n RANKS dermaflux batch` must write the serial batch's
# outputs byte for byte, apart from the run-environment fields (wall_s in
# batch.csv and summary.json, peak_rss_mb in summary.json).
cmake_policy(SET CMP0007 NEW)  # keep the empty fields of a CSV row

function(run_batch sweep out)
  if(RANKS EQUAL 0)
    set(command ${DERMAFLUX} batch ${DATA}/${sweep}.sweep.yaml --output ${out} --quiet)
  else()
    separate_arguments(flags UNIX_COMMAND "${MPIEXEC_FLAGS}")
    set(command ${MPIEXEC} -n ${RANKS} ${flags} ${DERMAFLUX} batch ${DATA}/${sweep}.sweep.yaml
                --output ${out} --quiet)
  endif()
  execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE output
                  ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${command}\nfailed with status ${status}:\n${output}\n${errors}")
  endif()
  set(batch_output "${output}" PARENT_SCOPE)
endfunction()

# A file's text without the lines naming run-environment fields.
function(read_without_environment file result)
  file(STRINGS ${file} lines)
  list(FILTER lines EXCLUDE REGEX "\"(wall_s|peak_rss_mb)\"")
  set(${result} "${lines}" PARENT_SCOPE)
endfunction()

# batch.csv without its last column, wall_s.
function(read_batch_figures file result)
  file(STRINGS ${file} lines)
  set(figures "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE ",[^,]*$" "" line "${line}")
    list(APPEND figures "${line}")
  endforeach()
  set(${result} "${figures}" PARENT_SCOPE)
endfunction()

function(compare_with_reference reference out)
  read_batch_figures(${reference}/batch.csv expected)
  read_batch_figures(${out}/batch.csv found)
  list(LENGTH expected rows)
  if(rows LESS 2)
    message(FATAL_ERROR "${reference}/batch.csv has no case rows")
  endif()
  if(NOT expected STREQUAL found)
    message(FATAL_ERROR "${out}/batch.csv differs from the serial batch's figures:\n"
                        "${found}\nexpected\n${expected}")
  endif()
  file(GLOB_RECURSE expected_files RELATIVE ${reference} ${reference}/*)
  file(GLOB_RECURSE found_files RELATIVE ${out} ${out}/*)
  # report.html names its folder, command line and date: not the farm's to match.
  list(FILTER expected_files EXCLUDE REGEX "(^|/)report\\.html$")
  list(FILTER found_files EXCLUDE REGEX "(^|/)report\\.html$")
  list(SORT expected_files)
  list(SORT found_files)
  if(NOT expected_files STREQUAL found_files)
    message(FATAL_ERROR "${out} holds other files than the serial batch:\n${found_files}\n"
                        "expected\n${expected_files}")
  endif()
  foreach(name IN LISTS expected_files)
    if(name STREQUAL "batch.csv")
      continue()
    endif()
    if(name MATCHES "summary\\.json$")
      read_without_environment(${reference}/${name} expected_text)
      read_without_environment(${out}/${name} found_text)
    else()
      file(SHA256 ${reference}/${name} expected_text)
      file(SHA256 ${out}/${name} found_text)
    endif()
    if(NOT expected_text STREQUAL found_text)
      message(FATAL_ERROR "${out}/${name} differs from the serial batch's")
    endif()
  endforeach()
endfunction()

string(REPLACE "," ";" SWEEPS "${SWEEPS}")
file(REMOVE_RECURSE ${OUT})
foreach(sweep IN LISTS SWEEPS)
  run_batch(${sweep} ${OUT}/${sweep})
  if(RANKS EQUAL 0)
    continue()
  endif()
  compare_with_reference(${REFERENCE}/${sweep} ${OUT}/${sweep})
  if(RERUN)
    run_batch(${sweep} ${OUT}/${sweep})
    if(NOT batch_output MATCHES " 0 run, [1-9][0-9]* already finished, 0 failed")
      message(FATAL_ERROR "the rerun of ${sweep} did not skip every finished case:\n${batch_output}")
    endif()
  endif()
endforeach()
