# `dermaflux plot` on a finished run must write non-empty PNG images.
# Called by CTest with -DDERMAFLUX=... -DOUT=<a run's output folder>.
file(REMOVE ${OUT}/cumulative.png ${OUT}/per_layer.png ${OUT}/profiles.png)
execute_process(COMMAND ${DERMAFLUX} plot ${OUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "dermaflux plot ${OUT} failed with status ${status}")
endif()
foreach(png cumulative.png per_layer.png profiles.png)
  file(SIZE ${OUT}/${png} size)
  file(READ ${OUT}/${png} magic LIMIT 4 HEX)
  if(size LESS 1000 OR NOT magic STREQUAL "89504e47")
    message(FATAL_ERROR "${OUT}/${png} is not a PNG image (${size} bytes, starts ${magic})")
  endif()
endforeach()
