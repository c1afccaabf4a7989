/* catalogue_apply_overlay (catalogue_load.h): a catalogue of one's own
 * merged on top of a loaded one, as JSON, then read again whole. */
#include "catalogue_load.h"
#include "catalogue_read.h"

#include "files.h"
#include "json_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The object of `list` whose "id" (or, for models, an alias) is `name`,
 * ignoring case. */
static cJSON *find_named(cJSON *list, const char *name, bool aliases)
{
	cJSON *item, *a;

	cJSON_ArrayForEach(item, list) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
		if (cJSON_IsString(id) && strcasecmp(id->valuestring, name) == 0)
			return item;
		if (!aliases)
			continue;
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(item, "aliases"))
			if (cJSON_IsString(a) && strcasecmp(a->valuestring, name) == 0)
				return item;
	}
	return NULL;
}

/* Moves every key of `from` onto `into` (replacing), except "id", and adds
 * "aliases" to the aliases already there. */
static void merge_object(cJSON *into, cJSON *from)
{
	cJSON *key;

	while ((key = from->child)) {
		cJSON_DetachItemViaPointer(from, key);
		if (strcmp(key->string, "id") == 0) {
			cJSON_Delete(key);
		} else if (strcmp(key->string, "aliases") == 0) {
			cJSON *have = cJSON_GetObjectItemCaseSensitive(into, "aliases"), *a;
			if (!cJSON_IsArray(have)) {
				cJSON_DeleteItemFromObjectCaseSensitive(into, "aliases");
				have = cJSON_AddArrayToObject(into, "aliases");
			}
			while ((a = key->child)) {
				const cJSON *old;
				bool dup = false;
				cJSON_DetachItemViaPointer(key, a);
				cJSON_ArrayForEach(old, have)
					dup = dup || strcasecmp(old->valuestring, a->valuestring) == 0;
				if (dup)
					cJSON_Delete(a);
				else
					cJSON_AddItemToArray(have, a);
			}
			cJSON_Delete(key);
		} else {
			char *name = key->string;
			key->string = NULL;
			if (cJSON_GetObjectItemCaseSensitive(into, name))
				cJSON_ReplaceItemInObjectCaseSensitive(into, name, key);
			else
				cJSON_AddItemToObject(into, name, key);
			cJSON_free(name);
		}
	}
}

/* Merges the overlay's "providers" or "models" into base's. */
static void merge_list(cJSON *base, cJSON *overlay, const char *key, bool aliases)
{
	cJSON *list = cJSON_GetObjectItemCaseSensitive(overlay, key);
	cJSON *into = cJSON_GetObjectItemCaseSensitive(base, key), *item;

	if (!list)
		return;
	if (!into)
		into = cJSON_AddArrayToObject(base, key);
	while ((item = list->child)) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
		cJSON *match = NULL;
		const cJSON *a;

		cJSON_DetachItemViaPointer(list, item);
		match = find_named(into, id->valuestring, aliases);
		/* An overlay model may also be found by one of its own aliases. */
		const cJSON *own = aliases ? cJSON_GetObjectItemCaseSensitive(item, "aliases") : NULL;
		cJSON_ArrayForEach(a, own)
			if (!match && cJSON_IsString(a))
				match = find_named(into, a->valuestring, true);
		if (match) {
			merge_object(match, item);
			cJSON_Delete(item);
		} else {
			cJSON_AddItemToArray(into, item);
		}
	}
}

/* The overlay's shape, checked on its own so errors name its own paths: the
 * top-level keys, and each provider and model object (models partial). */
static enum status check_overlay(const struct json_where *w, const cJSON *root,
                                 char **version, struct diag *d)
{
	const cJSON *item;
	int64_t schema;
	long index = 0;
	enum status st;

	if (!cJSON_IsObject(root))
		return json_fail(w, NULL, root, "a catalogue object", d);
	if ((st = json_int(w, root, "schema_version", true, 1, 1, &schema, NULL, d)) ||
	    (st = json_only_keys(w, root, catalogue_root_keys, d)) ||
	    (st = json_string(w, root, "catalogue_version", true, version, d)))
		return st;
	for (int k = 0; k < 2; k++) {
		const char *key = k ? "models" : "providers";
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, key);
		index = 0;
		if (list && !cJSON_IsArray(list))
			return json_fail(w, key, list, "an array", d);
		cJSON_ArrayForEach(item, list) {
			struct json_where iw;
			json_child(&iw, w, key, index++);
			if (k) {
				/* Read into a one-model catalogue, which frees it. */
				struct catalogue one;
				memset(&one, 0, sizeof one);
				if (!(one.models = calloc(1, sizeof *one.models)))
					return diag_set(d, STATUS_IO, "out of memory");
				one.model_count = 1;
				st = catalogue_read_model(&iw, item, &one.models[0], true, d);
				catalogue_release(&one);
			} else {
				const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
				st = cJSON_IsObject(item) ? json_only_keys(&iw, item, catalogue_provider_keys, d)
				                          : json_fail(&iw, NULL, item, "an object", d);
				if (st == STATUS_OK && !cJSON_IsString(id))
					st = json_fail(&iw, "id", id, "a provider id", d);
			}
			if (st != STATUS_OK)
				return st;
		}
	}
	return STATUS_OK;
}

enum status catalogue_apply_overlay(struct catalogue *cat, const char *text,
                                    size_t len, const char *origin,
                                    struct diag *d)
{
	struct json_where w = {origin, ""};
	struct catalogue merged;
	char *version = NULL, *base_text = NULL, named[300];
	cJSON *overlay = NULL, *base = NULL, *json;
	enum status st;

	if ((st = file_check_text(origin, text, len, d)) ||
	    (st = json_parse(origin, text, len, &overlay, d)) ||
	    (st = check_overlay(&w, overlay, &version, d)))
		goto done;
	/* The base as JSON text and back, so its numbers keep their decimal
	 * text (json_parse) whatever kind of file it came from. */
	json = catalogue_to_json(cat);
	base_text = json ? cJSON_PrintUnformatted(json) : NULL;
	cJSON_Delete(json);
	if (!base_text) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	if ((st = json_parse(origin, base_text, strlen(base_text), &base, d)))
		goto done;
	merge_list(base, overlay, "providers", false);
	merge_list(base, overlay, "models", true);
	snprintf(named, sizeof named, "%s merged on %s", origin, cat->origin);
	memset(&merged, 0, sizeof merged);
	{
		struct json_where mw = {named, ""};
		st = catalogue_read(&mw, base, &merged, d);
	}
	if (st != STATUS_OK) {
		catalogue_release(&merged);
		goto done;
	}
	/* The base's identity stays; the overlay's is added beside it. */
	merged.origin = cat->origin;
	cat->origin = NULL;
	memcpy(merged.checksum, cat->checksum, sizeof merged.checksum);
	free(merged.version);
	merged.version = cat->version;
	cat->version = NULL;
	merged.overlay_origin = strdup(origin);
	merged.overlay_version = version;
	version = NULL;
	catalogue_stamp_checksum(text, len, merged.overlay_checksum);
	catalogue_release(cat);
	*cat = merged;
	if (!cat->overlay_origin)
		st = diag_set(d, STATUS_IO, "out of memory");
done:
	free(version);
	cJSON_free(base_text);
	cJSON_Delete(base);
	cJSON_Delete(overlay);
	return st;
}

enum status catalogue_apply_overlay_file(struct catalogue *cat, const char *path,
                                         struct diag *d)
{
	char *text;
	size_t len;
	enum status st = file_read_all(path, &text, &len, d);

	if (st != STATUS_OK)
		return st;
	st = catalogue_apply_overlay(cat, text, len, path, d);
	free(text);
	return st;
}
