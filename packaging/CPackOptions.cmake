# Per-generator CPack settings, read by cpack for each generator it runs.
if(CPACK_GENERATOR STREQUAL "TGZ")
    set(CPACK_STRIP_FILES ON)
endif()
