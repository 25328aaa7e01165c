# Packaging (issue 13): libhumain.so / libhumain.a made of the module libraries' objects, and
# `cmake --install` of the CLI, libraries, public headers, data files, a CMake package
# (find_package(humain) -> humain::humain) and humain.pc; CPack turns the same install into a .deb.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(humain_objects)
foreach(m IN LISTS HUMAIN_MODULES)
  if(TARGET humain_${m})
    list(APPEND humain_objects $<TARGET_OBJECTS:humain_${m}>)
  endif()
endforeach()

# What the objects need at link time: OpenCV, Tesseract + Leptonica, curl, yaml-cpp, cpp-httplib
# (the server module: Debian's cpp-httplib is a compiled library, not header-only), threads.
set(humain_private_libs opencv_core opencv_imgproc opencv_imgcodecs opencv_dnn yaml-cpp CURL::libcurl PkgConfig::TESSERACT
    PkgConfig::HTTPLIB Threads::Threads)

add_library(humain SHARED ${humain_objects})
add_library(humain_static STATIC ${humain_objects})
set_target_properties(humain PROPERTIES VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}
                                        LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib)
set_target_properties(humain_static PROPERTIES OUTPUT_NAME humain ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib)
target_link_libraries(humain PRIVATE ${humain_private_libs} PUBLIC nlohmann_json::nlohmann_json)
# A static consumer links the same libraries itself; by name, so the installed package needs no
# OpenCV/Tesseract CMake files (only the Debian -dev packages' .so links).
set(humain_static_link_names opencv_core opencv_imgproc opencv_imgcodecs opencv_dnn yaml-cpp curl ${TESSERACT_LIBRARIES}
    ${HTTPLIB_LIBRARIES})
list(REMOVE_DUPLICATES humain_static_link_names)
target_link_libraries(humain_static PUBLIC nlohmann_json::nlohmann_json
                      INTERFACE "$<INSTALL_INTERFACE:${humain_static_link_names};Threads::Threads>")
foreach(t humain humain_static)
  target_include_directories(${t} PUBLIC $<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/include>
                                         $<BUILD_INTERFACE:${CMAKE_BINARY_DIR}/generated>
                                         $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
endforeach()
add_library(humain::humain ALIAS humain)
add_library(humain::humain_static ALIAS humain_static)

install(TARGETS humain_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS humain humain_static EXPORT humainTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/humain DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
install(FILES ${CMAKE_BINARY_DIR}/generated/humain/version.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/humain)
# Data files the library reads at run time (share/humain/...; see src/core/data_files.h).
install(FILES data/icons/concepts.tsv data/icons/bank.png data/icons/bank.tsv DESTINATION ${CMAKE_INSTALL_DATADIR}/humain/icons)
install(FILES data/models/catalog.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/humain/models)
install(FILES data/models/icon_net.onnx data/models/icon_net.labels DESTINATION ${CMAKE_INSTALL_DATADIR}/humain/models)
install(FILES data/samples/login.png data/samples/dashboard.png data/samples/settings.png data/samples/samples.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/humain/samples)

set(cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/humain)
install(EXPORT humainTargets NAMESPACE humain:: DESTINATION ${cmake_dir})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/humainConfig.cmake.in ${CMAKE_BINARY_DIR}/humainConfig.cmake
                              INSTALL_DESTINATION ${cmake_dir})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/humainConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/humainConfig.cmake ${CMAKE_BINARY_DIR}/humainConfigVersion.cmake DESTINATION ${cmake_dir})

# pkg-config: the shared library; `pkg-config --static` adds what libhumain.a needs.
list(JOIN humain_static_link_names " -l" humain_pc_private)
set(humain_pc_private "-l${humain_pc_private} -pthread")
# Relocatable: the prefix is found from the .pc file's own folder, so --prefix P at install works.
file(RELATIVE_PATH humain_pc_up /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
configure_file(${CMAKE_SOURCE_DIR}/cmake/humain.pc.in ${CMAKE_BINARY_DIR}/humain.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/humain.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# .deb (cpack -G DEB): the same install under /usr. Dependencies are Debian package names:
# dpkg-shlibdeps (dpkg-dev, part of build-essential) reads them off the binaries' libraries;
# tesseract-ocr-eng (the English model Tesseract loads at run time) is named by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME humain)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "humain maintainers <humain@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "GUI grounding: find the UI element an instruction names in a screenshot")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tesseract-ocr-eng")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "nlohmann-json3-dev")
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)  # xz on ~100 MB of debug info takes minutes
set(CPACK_STRIP_FILES ON)
include(CPack)
