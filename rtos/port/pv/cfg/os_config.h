/* os_config.h of a partition whose application has none of its own: the
 * defaults of os_config_defaults.h. An app folder's own os_config.h comes
 * first on the include path (mk/partitioned.mk). One file for every such
 * partition, so that the same guest sources preprocess the same way in
 * every system and a cached object serves them all. */
