# Helpers shared by every CMakeLists.txt of the project.

# jobsim_warnings(target): the warning set of CONTRIBUTING.md "Build".
function(jobsim_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion
                                           -Wno-missing-field-initializers
                                           # GCC 12 false positive on std::string operator+ (GCC bug 105329)
                                           -Wno-restrict)
  if(JOBSIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(JOBSIM_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# jobsim_add_layer(<layer> DEPS <targets...>): one static library per folder of sim/, with the
# public headers of include/jobsim/<layer>/. Sources are globbed so adding a file needs no edit
# here; CONFIGURE_DEPENDS makes the build notice new files.
function(jobsim_add_layer layer)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/${layer}/*.cpp)
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/include/jobsim/${layer}/*.hpp)
  add_library(jobsim_${layer} STATIC ${sources})
  add_library(jobsim::${layer} ALIAS jobsim_${layer})
  target_sources(jobsim_${layer} PUBLIC FILE_SET HEADERS BASE_DIRS ${PROJECT_SOURCE_DIR}/include
                 FILES ${headers})
  target_include_directories(jobsim_${layer} PRIVATE ${PROJECT_SOURCE_DIR}/sim)
  target_compile_features(jobsim_${layer} PUBLIC cxx_std_20)
  target_link_libraries(jobsim_${layer} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  jobsim_warnings(jobsim_${layer})
endfunction()

# jobsim_add_test(<name> SOURCES ... LIBS ... [LABELS ...]): the one way to add a test binary.
function(jobsim_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests ${PROJECT_SOURCE_DIR}/sim)
  jobsim_warnings(${name})
  set(props)
  if(ARG_LABELS)
    set(props PROPERTIES LABELS "${ARG_LABELS}")
  endif()
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60 ${props})
endfunction()
