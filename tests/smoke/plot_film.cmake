# `dermaflux plot` on a hand-made run folder with the serum film's columns and events
# (tests/data/plot_film): film.png is written beside the others, all PNG images.
# Called by CTest with -DDERMAFLUX=... -DDATA=<tests/data/plot_film> -DOUT=<a scratch folder>.
file(REMOVE_RECURSE ${OUT})
file(COPY ${DATA}/ DESTINATION ${OUT})
execute_process(COMMAND ${DERMAFLUX} plot ${OUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "dermaflux plot ${OUT} failed with status ${status}")
endif()
foreach(png cumulative.png per_layer.png film.png)
  if(NOT EXISTS ${OUT}/${png})
    message(FATAL_ERROR "dermaflux plot wrote no ${OUT}/${png}")
  endif()
  file(SIZE ${OUT}/${png} size)
  file(READ ${OUT}/${png} magic LIMIT 4 HEX)
  if(size LESS 1000 OR NOT magic STREQUAL "89504e47")
    message(FATAL_ERROR "${OUT}/${png} is not a PNG image (${size} bytes, starts ${magic})")
  endif()
endforeach()
