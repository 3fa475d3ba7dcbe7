APP_LIBS := apex
